namespace Contact.Grains.Interfaces;

/// <summary>How an error message quotes a value it refuses: its first characters only, so that a huge value makes no huge answer or report.</summary>
public static class BadValue
{
    public const int MaxShownChars = 40;

    public static string Shown(string? value) => value is null ? "" : value.Length <= MaxShownChars ? value : value[..MaxShownChars] + "…";
}
