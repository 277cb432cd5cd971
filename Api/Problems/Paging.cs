namespace Contact.Api.Problems;

/// <summary>The after/limit pair of paged reads (history, transcripts).</summary>
public static class Paging
{
    public const int MaxLimit = 1000;

    /// <summary>Null when the page is valid, else 400 <c>validation-failed</c>.</summary>
    public static IResult? Check(long? after, int? limit) =>
        limit is < 1 or > MaxLimit || after < 0
            ? Problem.Invalid("validation-failed", $"after is 0 or more; limit is from 1 to {MaxLimit}.",
                new Dictionary<string, string[]> { ["limit"] = [$"1 to {MaxLimit}"], ["after"] = ["0 or more"] })
            : null;
}
