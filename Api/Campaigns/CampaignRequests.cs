using Contact.Grains.Campaigns;
using Contact.Grains.Phones;
using Contact.Grains.Interfaces;

namespace Contact.Api.Campaigns;

public sealed record CampaignDispositionRequest(string? Name, DispositionOutcome? Outcome);

public sealed record CallingHoursRequest(string? From, string? To);

public sealed record CampaignPutRequest(
    string? Name,
    CampaignMode? Mode,
    string? ServiceId,
    List<CampaignDispositionRequest>? Dispositions,
    string? DefaultDisposition,
    int? MaxAttempts,
    int? RetryMinutes,
    CallingHoursRequest? CallingHours,
    int? PreviewSeconds,
    bool? AutoAccept,
    string? TimeZone,
    string? DefaultCountry,
    MachineAction? Machine,
    string? MachineMessage,
    string? AbandonMessage,
    double? AbandonLimit);

public sealed record CompleteRequest(string? Disposition, string? Notes);

/// <param name="At">An ISO 8601 time with its offset (Z or ±hh:mm), within a year from now.</param>
public sealed record RescheduleBody(string? At, string? Number, bool? Personal);

public sealed record CallRequest(string? Number);

/// <summary>Checks a campaign as an administrator sends it and fills in the defaults.</summary>
public static class CampaignValidation
{
    public const string BadRecord = "Bad Record";
    public const int MaxNameLength = 100;
    public const int MaxAttemptsLimit = 100;
    public const int MaxRetryMinutes = 10_080;
    public const int MaxPreviewSeconds = 3_600;
    public const int MaxNotesLength = 2_000;
    public const int MaxDispositions = 50;
    public const int MaxMessageLength = 1_000;
    // A stricter limit than the regulators' 3% may be set, a looser one not.
    public const double MinAbandonLimit = 0.001;
    public const double MaxAbandonLimit = 0.03;

    public static CampaignConfig? Check(CampaignPutRequest request, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength) errors["name"] = [$"required, at most {MaxNameLength} characters"];
        if (request.Mode is null) errors["mode"] = ["preview, progressive or predictive"];
        if (request.ServiceId is null || !Ids.IsValid(request.ServiceId)) errors["serviceId"] = ["the id of an existing service"];
        var defaultDisposition = string.IsNullOrWhiteSpace(request.DefaultDisposition) ? BadRecord : request.DefaultDisposition.Trim();
        var dispositions = new List<Disposition>();
        if (request.Dispositions is { Count: > MaxDispositions }) errors["dispositions"] = [$"at most {MaxDispositions}"];
        foreach (var given in request.Dispositions?.Take(MaxDispositions) ?? [])
        {
            if (string.IsNullOrWhiteSpace(given.Name) || given.Name.Trim().Length > MaxNameLength || given.Outcome is null)
            {
                errors["dispositions"] = [$"each with a name (at most {MaxNameLength} characters) and an outcome: final, retry or dnc"];
                break;
            }
            if (dispositions.Any(d => string.Equals(d.Name, given.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                errors["dispositions"] = [$"'{given.Name.Trim()}' is named twice"];
                break;
            }
            dispositions.Add(new Disposition(given.Name.Trim(), given.Outcome.Value));
        }
        // The seed's default disposition is there even when the list leaves it out.
        if (defaultDisposition == BadRecord && !dispositions.Any(d => d.Name == BadRecord)) dispositions.Add(new Disposition(BadRecord, DispositionOutcome.Final));
        if (!dispositions.Any(d => d.Name == defaultDisposition)) errors["defaultDisposition"] = ["one of the dispositions"];
        if (request.MaxAttempts is < 1 or > MaxAttemptsLimit) errors["maxAttempts"] = [$"1 to {MaxAttemptsLimit}"];
        if (request.RetryMinutes is < 0 or > MaxRetryMinutes) errors["retryMinutes"] = [$"0 to {MaxRetryMinutes}"];
        var hours = new CallingHours(request.CallingHours?.From ?? "09:00", request.CallingHours?.To ?? "21:00");
        if (!CallingClock.TryParseTime(hours.From, out var from) || !CallingClock.TryParseTime(hours.To, out var to) || from == to)
        {
            errors["callingHours"] = ["from and to as HH:mm, not equal (to earlier than from runs past midnight)"];
        }
        if (request.PreviewSeconds is < 1 or > MaxPreviewSeconds) errors["previewSeconds"] = [$"null, or 1 to {MaxPreviewSeconds}"];
        var zone = request.TimeZone ?? "UTC";
        if (!CallingClock.IsKnownZone(zone)) errors["timeZone"] = ["an IANA time zone such as America/New_York"];
        var country = request.DefaultCountry ?? "US";
        if (!PhoneNumberReader.IsKnownRegion(country)) errors["defaultCountry"] = ["an ISO 3166 country code with a numbering plan, such as US, GB, DE or IN"];
        var machineMessage = Message(request.MachineMessage, "machineMessage", errors);
        var abandonMessage = Message(request.AbandonMessage, "abandonMessage", errors);
        if (request.Machine == MachineAction.Message && machineMessage is null) errors["machineMessage"] = ["required when machine is message"];
        if (request.AbandonLimit is < MinAbandonLimit or > MaxAbandonLimit) errors["abandonLimit"] = [$"{MinAbandonLimit} to {MaxAbandonLimit} (a share of answered calls)"];
        if (errors.Count > 0) return null;
        return new CampaignConfig(request.Name!.Trim(), request.Mode!.Value, request.ServiceId!, [.. dispositions], defaultDisposition,
            request.MaxAttempts ?? 3, request.RetryMinutes ?? 60, hours, request.PreviewSeconds, request.AutoAccept ?? false, zone,
            country.ToUpperInvariant(), request.Machine ?? MachineAction.HangUp, machineMessage, abandonMessage, request.AbandonLimit ?? DialPacer.DefaultAbandonLimit);
    }

    /// <summary>A message spoken to a customer or a machine: trimmed, null when blank.</summary>
    private static string? Message(string? given, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(given)) return null;
        if (given.Trim().Length > MaxMessageLength) errors[field] = [$"at most {MaxMessageLength} characters"];
        return given.Trim();
    }
}
