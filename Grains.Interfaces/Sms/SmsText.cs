namespace Contact.Grains.Interfaces;

/// <summary>How long a text is as one SMS, counted the way the network counts it.</summary>
/// <param name="Encoding">GSM-7 when every character is in the GSM 03.38 alphabet, else UCS-2.</param>
/// <param name="Length">GSM-7: septets (characters of the extension table count two); UCS-2: UTF-16 code units.</param>
/// <param name="Limit">What fits in one message: 160 septets, or 70 UCS-2 characters.</param>
public sealed record SmsLength(string Encoding, int Length, int Limit)
{
    public bool Fits => Length <= Limit;
}

/// <summary>
/// The one-message limit of the seed ("160 characters"). A text of GSM 03.38 characters fits in
/// 160 septets; one character outside that alphabet (an emoji, a Cyrillic letter, a curly quote)
/// makes the whole text UCS-2, where 70 characters fit. Texts are not split into several
/// messages: the agent sees the count and the limit while typing, as the desktop shows them.
/// </summary>
public static class SmsText
{
    public const int GsmLimit = 160;
    public const int UnicodeLimit = 70;

    // The GSM 03.38 basic character set (one septet each) and its extension table (escape + one septet).
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "\f^{}\\[~]|€";

    public static SmsLength Measure(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c)) septets += 1;
            else if (Extension.Contains(c)) septets += 2;
            else return new SmsLength("UCS-2", text.Length, UnicodeLimit);
        }
        return new SmsLength("GSM-7", septets, GsmLimit);
    }
}
