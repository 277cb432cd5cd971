using Contact.Silo.Twilio;
using Contact.Tests.Support;

namespace Contact.Tests.Sms;

/// <summary>The webhook signature check (Twilio's RequestValidator) against the examples Twilio publishes (auth token 12345).</summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    // The example of Twilio's security documentation.
    private static readonly KeyValuePair<string, string>[] DocumentedForm =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+12349013030"),
        new("Digits", "1234"),
        new("From", "+12349013030"),
        new("To", "+18005551212"),
    ];

    // The example of Twilio's own libraries' tests.
    private static readonly KeyValuePair<string, string>[] Form =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("From", "+14158675309"),
        new("Digits", "1234"),
        new("To", "+18005551212"),
        new("Caller", "+14158675309"),
    ];

    [Fact]
    public void Twilios_documented_example_is_valid_and_the_stand_in_signs_it_alike()
    {
        Assert.True(TwilioWebhookSignature.IsValid(Token, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", Url, DocumentedForm));
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSigner.Sign(Token, Url, DocumentedForm));
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSigner.Sign(Token, Url, Form));
    }

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=")]
    [InlineData("http://MyCompany.com/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis=")]
    [InlineData("http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=")]
    // Signed without the port, checked on a URL with one; and the other way round, with the default port.
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    public void Twilios_published_examples_are_valid(string url, string signature)
    {
        Assert.True(TwilioWebhookSignature.IsValid(Token, signature, url, Form));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("rsoydt4t1cutdk1pdd93/vvr8b8=")]
    public void A_missing_or_wrong_signature_is_refused(string? signature)
    {
        Assert.False(TwilioWebhookSignature.IsValid(Token, signature, Url, Form));
    }

    [Fact]
    public void Any_change_to_what_was_signed_is_refused()
    {
        const string signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        Assert.False(TwilioWebhookSignature.IsValid("54321", signature, Url, Form));
        Assert.False(TwilioWebhookSignature.IsValid(Token, signature, Url + "&baz=3", Form));
        Assert.False(TwilioWebhookSignature.IsValid(Token, signature, "https://MyCompany.com/myapp.php?foo=1&bar=2", Form));
        Assert.False(TwilioWebhookSignature.IsValid(Token, signature, Url, [.. Form.Where(p => p.Key != "Digits"), new("Digits", "9999")]));
        Assert.False(TwilioWebhookSignature.IsValid(Token, signature, Url, [.. Form, new("Extra", "1")]));
        Assert.False(TwilioWebhookSignature.IsValid(Token, signature, Url, [.. Form, new("Digits", "1234")]));
    }
}
