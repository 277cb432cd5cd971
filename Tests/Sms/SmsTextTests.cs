using Contact.Grains.Interfaces;

namespace Contact.Tests.Sms;

public sealed class SmsTextTests
{
    [Fact]
    public void Plain_text_counts_one_septet_per_character_up_to_160()
    {
        Assert.Equal(new SmsLength("GSM-7", 160, 160), SmsText.Measure(new string('a', 160)));
        Assert.False(SmsText.Measure(new string('a', 161)).Fits);
        Assert.Equal(new SmsLength("GSM-7", 11, 160), SmsText.Measure("Ça va? 5£ @"));
    }

    [Fact]
    public void Characters_of_the_extension_table_count_two()
    {
        var length = SmsText.Measure("{€}");
        Assert.Equal(("GSM-7", 6), (length.Encoding, length.Length));
        Assert.False(SmsText.Measure(new string('a', 159) + "€").Fits);
    }

    [Fact]
    public void One_character_outside_GSM_makes_the_text_UCS2_with_70_characters()
    {
        Assert.Equal(new SmsLength("UCS-2", 3, 70), SmsText.Measure("ok\u2019"));
        Assert.True(SmsText.Measure(new string('я', 70)).Fits);
        Assert.False(SmsText.Measure(new string('я', 71)).Fits);
        Assert.Equal(2, SmsText.Measure("\U0001F600").Length);
    }
}
