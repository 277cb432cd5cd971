using Contact.Grains.Campaigns;

namespace Contact.Bench.DialerSim;

/// <summary>One case: agents, how often a dial is answered (it may change half way), and how long.</summary>
public sealed record DialerCase(int Agents, double AnswerRate, TimeSpan Duration, double? AnswerRateAfterHalf = null, int Seed = 1);

/// <summary>What a run of a case gave.</summary>
/// <param name="AbandonRateByHour">The abandon rate of each hour of the run.</param>
public sealed record DialerResult(double AbandonRate, double Occupancy, double ConnectsPerAgentHour, double WaitP50Seconds, double WaitP95Seconds,
    double[] AbandonRateByHour, long Dials);

/// <summary>
/// A campaign in virtual time, in steps of a tenth of a second, with the pacing code the product
/// runs (<see cref="DialPacer"/>). Talk time is exponential with a mean of 180 s, no wrap-up; a
/// call a person answers rings 5-25 s first; an unanswered one is given up after 25 s. In
/// progressive mode each free agent dials one call and waits for it; in predictive mode the pacer
/// dials for the pool, and a call answered when no agent is free waits 2 s, then is abandoned.
/// </summary>
public static class DialerSimulation
{
    private const double Step = 0.1;
    private const double MeanTalk = 180;
    private const double GiveUp = 25;
    private const double AbandonAfter = 2;

    public static DialerResult Run(DialerCase run, bool predictive)
    {
        var random = new Random(run.Seed);
        var pacer = new DialPacer();
        var total = run.Duration.TotalSeconds;
        var freeSince = Enumerable.Repeat(0.0, run.Agents).ToArray();
        var busyUntil = new double[run.Agents];
        var talking = new bool[run.Agents];
        var reserved = new bool[run.Agents];
        var ringing = new List<(double Ends, bool Answers, int Agent, double Dialed)>();
        var waiting = new List<double>();
        var waits = new List<double>();
        var hours = (int)Math.Ceiling(total / 3600);
        var answeredByHour = new long[hours];
        var abandonedByHour = new long[hours];
        double talk = 0;
        long connects = 0, dials = 0;

        for (var now = 0.0; now < total; now += Step)
        {
            var hour = Math.Min(hours - 1, (int)(now / 3600));
            var answerRate = run.AnswerRateAfterHalf is { } after && now >= total / 2 ? after : run.AnswerRate;
            for (var a = 0; a < run.Agents; a++)
            {
                if (!talking[a] || busyUntil[a] > now) continue;
                talking[a] = false;
                freeSince[a] = now;
            }

            void Connect(int agent)
            {
                var length = -MeanTalk * Math.Log(1 - random.NextDouble());
                waits.Add(now - freeSince[agent]);
                talking[agent] = true;
                reserved[agent] = false;
                busyUntil[agent] = now + length;
                talk += Math.Min(length, total - now);
                connects++;
                pacer.Handle(TimeSpan.FromSeconds(length));
            }

            foreach (var call in ringing.Where(c => c.Ends <= now).ToList())
            {
                ringing.Remove(call);
                if (!call.Answers)
                {
                    pacer.NoAnswer();
                    if (call.Agent >= 0) reserved[call.Agent] = false;
                    continue;
                }
                pacer.Answer(TimeSpan.FromSeconds(now - call.Dialed));
                answeredByHour[hour]++;
                if (call.Agent >= 0) Connect(call.Agent);
                else waiting.Add(now);
            }
            foreach (var answeredAt in waiting.ToList())
            {
                var agent = FreeAgent();
                if (agent >= 0)
                {
                    waiting.Remove(answeredAt);
                    Connect(agent);
                }
                else if (now - answeredAt >= AbandonAfter)
                {
                    waiting.Remove(answeredAt);
                    pacer.Abandon();
                    abandonedByHour[hour]++;
                }
            }

            if (predictive)
            {
                var free = Enumerable.Range(0, run.Agents).Count(a => !talking[a]);
                var rung = ringing.Select(c => TimeSpan.FromSeconds(now - c.Dialed)).ToList();
                for (var n = pacer.CallsToDial(free, run.Agents - free, rung); n > 0; n--) Dial(-1);
            }
            else
            {
                for (var a = 0; a < run.Agents; a++)
                {
                    if (talking[a] || reserved[a]) continue;
                    reserved[a] = true;
                    Dial(a);
                }
            }

            void Dial(int agent)
            {
                dials++;
                var answers = random.NextDouble() < answerRate;
                var rings = answers ? 5 + 20 * random.NextDouble() : GiveUp;
                ringing.Add((now + rings, answers, agent, now));
            }

            int FreeAgent()
            {
                var best = -1;
                for (var a = 0; a < run.Agents; a++)
                {
                    if (!talking[a] && (best < 0 || freeSince[a] < freeSince[best])) best = a;
                }
                return best;
            }
        }

        var sorted = waits.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        return new DialerResult(pacer.AbandonRate, talk / (run.Agents * total), connects / (run.Agents * total / 3600), Percentile(0.5), Percentile(0.95),
            [.. Enumerable.Range(0, hours).Select(h => answeredByHour[h] == 0 ? 0 : (double)abandonedByHour[h] / answeredByHour[h])], dials);
    }
}
