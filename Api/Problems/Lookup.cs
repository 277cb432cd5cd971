using Contact.Grains.Interfaces;

namespace Contact.Api.Problems;

/// <summary>Whether something exists, for a check that answers a missing one in its own words (a field error).</summary>
public static class Lookup
{
    /// <summary>False when <paramref name="read"/> is refused as not found; any other refusal passes on.</summary>
    public static async Task<bool> FindsAsync(Task read)
    {
        try
        {
            await read;
            return true;
        }
        catch (ContactException error) when (error.Kind == ErrorKind.NotFound)
        {
            return false;
        }
    }
}
