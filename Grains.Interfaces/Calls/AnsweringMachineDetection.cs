namespace Contact.Grains.Interfaces;

/// <summary>Twilio's answers to "who picked up": a person, a machine (its greeting starting or ended, with a beep or not), a fax, or unknown.</summary>
public static class AnsweringMachineDetection
{
    public static readonly IReadOnlyList<string> Answers =
        ["human", "machine_start", "machine_end_beep", "machine_end_silence", "machine_end_other", "fax", "unknown"];

    public static bool IsKnown(string answeredBy) => Answers.Contains(answeredBy);

    public static bool IsMachine(string answeredBy) => answeredBy.StartsWith("machine", StringComparison.Ordinal);
}
