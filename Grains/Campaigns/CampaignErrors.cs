using Contact.Grains.Interfaces;

namespace Contact.Grains.Campaigns;

/// <summary>The campaign's and calling records' refusals, each with its stable code.</summary>
internal static class CampaignErrors
{
    public static ContactException NotFound(string campaignId) =>
        new("campaign-not-found", ErrorKind.NotFound, $"Campaign '{campaignId}' does not exist.", Details(("campaignId", campaignId)));

    public static ContactException ServiceWithoutVoice(string serviceId) =>
        new("service-without-voice", ErrorKind.Conflict,
            $"The campaign dials by itself for service '{serviceId}', which must take voice (channels) and have a voiceNumber to call from.",
            Details(("serviceId", serviceId)));

    public static ContactException RecordNotFound(string recordId) =>
        new("record-not-found", ErrorKind.NotFound, $"Calling record '{recordId}' does not exist.", Details(("recordId", recordId)));

    public static ContactException NotYours(string recordId, string agentId) =>
        new("record-not-yours", ErrorKind.Forbidden, $"Calling record '{recordId}' is not on agent '{agentId}''s desktop.",
            Details(("recordId", recordId), ("agentId", agentId)));

    public static ContactException NotAccepted(string recordId) =>
        new("record-not-accepted", ErrorKind.Conflict, $"Accept calling record '{recordId}' first.", Details(("recordId", recordId)));

    public static ContactException AlreadyAccepted(string recordId) =>
        new("record-already-accepted", ErrorKind.Conflict,
            $"Calling record '{recordId}' was accepted; skip it or complete it instead.", Details(("recordId", recordId)));

    public static ContactException UnknownDisposition(string disposition, IEnumerable<string> allowed) =>
        new("unknown-disposition", ErrorKind.Invalid, $"'{disposition}' is not a disposition of this campaign.",
            Details(("disposition", disposition), ("allowed", allowed.ToArray())));

    public static ContactException NumberNotOnRecord(string number) =>
        new("number-not-on-record", ErrorKind.Invalid, $"{number} is not one of the record's numbers.", Details(("number", number)));

    public static ContactException NumberOnDoNotCall(string number) =>
        new("number-on-dnc", ErrorKind.Conflict, $"{number} is on the do not call list.", Details(("number", number)));

    public static ContactException OutsideCallingHours(CallingHours hours, string zone, DateTimeOffset at) =>
        new("outside-calling-hours", ErrorKind.Conflict,
            $"{at:u} is outside the calling hours ({hours.From} to {hours.To}) in the customer's time zone {zone}.",
            Details(("from", hours.From), ("to", hours.To), ("timeZone", zone)));

    public static ContactException RescheduleInPast(DateTimeOffset at) =>
        new("reschedule-in-past", ErrorKind.Invalid, $"{at:u} has passed; reschedule to a later time.", Details(("at", at)));

    public static ContactException ImportNotFound(string importId) =>
        new("import-not-found", ErrorKind.NotFound, $"Import '{importId}' does not exist.", Details(("importId", importId)));

    public static ContactException Malformed(string importId, long row, string reason) =>
        new("csv-malformed", ErrorKind.Invalid, $"The file cannot be read at row {row}: {reason}. Nothing was loaded.",
            Details(("importId", importId), ("row", row), ("reason", reason)));

    private static Dictionary<string, object?> Details(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
