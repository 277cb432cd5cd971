namespace Contact.Grains.Phones;

/// <summary>The <c>Contact:Phones</c> settings.</summary>
public sealed class PhoneOptions
{
    /// <summary>
    /// The country whose national numbers people type where no other is known (an SMS recipient,
    /// a chat customer's phone, the do not call list); a campaign names its own for its lists.
    /// </summary>
    public string DefaultRegion { get; set; } = "US";
}
