namespace Contact.Grains.Interfaces;

/// <summary>The report of one calling-list import, kept for the campaign manager.</summary>
[Alias("Contact.ICallingListImportGrain")]
public interface ICallingListImportGrain : IGrainWithStringKey
{
    [Alias("Save")]
    Task Save(ImportReport report);

    /// <summary>The report; <c>import-not-found</c> when there is none.</summary>
    [Idempotent]
    [Alias("Get")]
    Task<ImportReport> Get();
}
