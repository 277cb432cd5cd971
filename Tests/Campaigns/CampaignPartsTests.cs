using System.Text;
using Contact.Grains.Campaigns;
using Contact.Grains.Interfaces;
using Contact.Grains.Phones;

namespace Contact.Tests.Campaigns;

/// <summary>The small parts of the campaigns: the CSV reader, phone numbers and calling hours.</summary>
public sealed class CampaignPartsTests
{
    [Fact]
    public async Task The_csv_reader_follows_rfc_4180()
    {
        var rows = await ReadAll("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n,,\nlast,row,no-newline");
        Assert.Equal(
        [
            ["a", "b", "c"],
            ["x, y", "say \"hi\"", "two\nlines"],
            ["", "", ""],
            ["last", "row", "no-newline"],
        ], rows);
    }

    [Theory]
    [InlineData("a,b\nx\"y,z\n", 2)]
    [InlineData("a,b\n\"x\"y,z\n", 2)]
    [InlineData("a,b\nok,ok\n\"never closed,z\n", 3)]
    public async Task The_csv_reader_stops_at_the_first_malformed_record(string csv, long row)
    {
        var error = await Assert.ThrowsAsync<MalformedCsvException>(() => ReadAll(csv));
        Assert.Equal(row, error.Row);
    }

    [Theory]
    [InlineData("+1 (212) 555-0101", "US", "+12125550101")]
    [InlineData("212.555.0101", "US", "+12125550101")]
    [InlineData("1 212 555 0101", "CA", "+12125550101")]
    [InlineData("011 44 20 7946 0018", "US", "+442079460018")]
    [InlineData("1-800-555-0199", "US", "+18005550199")]
    [InlineData("020 7946 0018", "GB", "+442079460018")]
    [InlineData("0800 123 4567", "GB", "+448001234567")]
    [InlineData("0044 20 7946 0018", "DE", "+442079460018")]
    [InlineData("030 1234567", "DE", "+49301234567")]
    [InlineData("098765 43210", "IN", "+919876543210")]
    [InlineData("+33 1 23 45 67 89", "US", "+33123456789")]
    [InlineData("+44 20 7946 0018", null, "+442079460018")]
    [InlineData("+49 30 1234567", null, "+49301234567")]
    [InlineData("+91 98765 43210", null, "+919876543210")]
    public void Phones_become_e164_with_and_without_a_default_region(string raw, string? region, string expected)
    {
        var reading = PhoneNumberReader.Read(raw, region);
        Assert.Equal((expected, null), (reading.E164, reading.Problem));
    }

    [Theory]
    [InlineData("12", "US")]
    [InlineData("555-0101", "US")]
    [InlineData("+1 212 555 01", null)]
    [InlineData("+44 20 7946 0018 1234", null)]
    [InlineData("+999 123456789", null)]
    [InlineData("020 7946 0018", null)]
    [InlineData("2125550101", "XX")]
    [InlineData("+0123456789", "US")]
    [InlineData("212-555-0101 ext 4", "US")]
    [InlineData("call me", "US")]
    public void Impossible_numbers_are_refused_with_a_reason(string raw, string? region)
    {
        var reading = PhoneNumberReader.Read(raw, region);
        Assert.False(reading.IsNumber);
        Assert.False(string.IsNullOrWhiteSpace(reading.Problem));
    }

    [Theory]
    [InlineData("+12125550101", "America/New_York")]
    [InlineData("+13105550101", "America/Los_Angeles")]
    [InlineData("+442079460018", "Europe/London")]
    [InlineData("+49301234567", "Europe/Berlin")]
    [InlineData("+919876543210", "Asia/Calcutta")]
    [InlineData("+18005550199", null)]
    public void A_number_gives_its_time_zone_only_when_it_has_exactly_one(string e164, string? zone)
    {
        Assert.Equal(zone, PhoneNumberReader.TimeZoneOf(PhoneNumberReader.Read(e164, null)));
    }

    [Fact]
    public void Calling_hours_are_read_in_the_customers_own_zone_across_midnight_and_daylight_saving()
    {
        var day = new CallingHours("09:00", "21:00");
        var at = new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero);
        Assert.True(CallingClock.IsOpen(day, "America/New_York", at));
        Assert.False(CallingClock.IsOpen(day, "Asia/Tokyo", at));
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), CallingClock.NextOpening(day, "Asia/Tokyo", at));

        var night = new CallingHours("22:00", "02:00");
        Assert.True(CallingClock.IsOpen(night, "UTC", at.AddHours(9)));
        Assert.False(CallingClock.IsOpen(night, "UTC", at));

        // New York moves to daylight time on 2026-03-08: 09:00 local is 13:00 UTC after, 14:00 before.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero),
            CallingClock.NextOpening(day, "America/New_York", new DateTimeOffset(2026, 3, 9, 4, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 14, 0, 0, TimeSpan.Zero),
            CallingClock.NextOpening(day, "America/New_York", new DateTimeOffset(2026, 3, 6, 4, 0, 0, TimeSpan.Zero)));
    }

    private static async Task<List<string[]>> ReadAll(string csv)
    {
        await using var rows = CsvRows.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        var all = new List<string[]>();
        while (await rows.ReadAsync(CancellationToken.None) is { } row) all.Add(row);
        return all;
    }
}
