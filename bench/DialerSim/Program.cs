using Contact.Bench.DialerSim;

// The pacing of progressive and predictive campaigns, in virtual time (8 hours a case), with the
// product's pacer (Grains/Campaigns/DialPacer.cs). The headline case is last, its last line the
// figures the issue asks for.
// Usage: DialerSim [hours]
var hours = args.Length > 0 ? double.Parse(args[0]) : 8;
var duration = TimeSpan.FromHours(hours);
DialerCase[] cases =
[
    new(50, 0.10, duration),
    new(10, 0.30, duration),
    new(50, 0.30, duration, AnswerRateAfterHalf: 0.10),
    new(50, 0.30, duration),
];
string Figures(DialerResult r) =>
    $"abandon {r.AbandonRate:P1} occupancy {r.Occupancy:P0} connects/agent-hour {r.ConnectsPerAgentHour:N1} wait p50 {r.WaitP50Seconds:N0} s p95 {r.WaitP95Seconds:N0} s";
string? last = null;
foreach (var run in cases)
{
    var predictive = DialerSimulation.Run(run, predictive: true);
    var progressive = DialerSimulation.Run(run, predictive: false);
    var change = run.AnswerRateAfterHalf is { } after ? $" then {after:P0} from half way" : "";
    Console.WriteLine($"{run.Agents} agents, answer rate {run.AnswerRate:P0}{change}, {hours} h:");
    Console.WriteLine($"  predictive  {Figures(predictive)}; worst hour {predictive.AbandonRateByHour.Max():P1}");
    Console.WriteLine($"  progressive {Figures(progressive)}");
    Console.WriteLine($"  predictive connects/agent-hour {predictive.ConnectsPerAgentHour / progressive.ConnectsPerAgentHour:N2}x progressive's");
    last = $"predictive abandon {predictive.AbandonRate:P1} occupancy {predictive.Occupancy:P0} connects/agent-hour {predictive.ConnectsPerAgentHour:N1}; " +
           $"progressive occupancy {progressive.Occupancy:P0} connects/agent-hour {progressive.ConnectsPerAgentHour:N1}";
}
Console.WriteLine(last);
