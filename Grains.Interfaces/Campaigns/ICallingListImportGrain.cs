using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Interfaces;

/// <summary>The report of one calling-list import, kept for the campaign manager.</summary>
public interface ICallingListImportGrain : IGrainWithStringKey
{
    Task Save(ImportReport report);

    /// <summary>The report; <c>import-not-found</c> when there is none.</summary>
    Task<ImportReport> Get();
}
