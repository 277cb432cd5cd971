namespace Contact.Grains.Campaigns;

/// <summary>
/// How many calls a predictive campaign dials now. It measures the campaign's own calls: the
/// share of dials a person answers and how long answered calls ring (over the outcomes that hold
/// the newest <see cref="AnswerWindow"/> answers), and how long a connected call keeps its agent.
/// From these it works out, for one more call dialed now, the chance that it is answered and then
/// finds no agent: at each moment it may be answered (spread as answered calls' ring times are),
/// the answers that come before it (from the calls ringing, by how long each has rung, and from
/// the calls dialed with it) against the agents free then (those free now, and those on a call who
/// will likely have hung up, plus the <see cref="AnswerWait"/> an answered call may wait). It dials
/// while that chance stays under <see cref="Risk"/>, so each call it places was likely to find an
/// agent, and the rate of abandons stays under the risk it takes. Should the newest
/// <see cref="AbandonWindow"/> answers show more abandons than half the limit (the world not being
/// what it measured), it takes proportionally less risk. Until it has measured
/// <see cref="Warmup"/> answers, and whenever the campaign's own abandon rate has reached the
/// limit, it dials as progressive does: never more calls ringing than agents free, so no answered
/// call can be left without an agent. The constants were chosen with bench/dialer-sim.sh
/// (bench/README.md).
/// </summary>
/// <param name="abandonLimit">The most abandoned calls, as a share of answered ones (3% by default, the TSR and Ofcom rule).</param>
/// <param name="answeredBefore">Answers the campaign had before this pacer began (over the rules' 30 days), for its abandon rate.</param>
/// <param name="abandonedBefore">Abandons among those.</param>
public sealed class DialPacer(double abandonLimit = DialPacer.DefaultAbandonLimit, long answeredBefore = 0, long abandonedBefore = 0)
{
    public const double DefaultAbandonLimit = 0.03;

    /// <summary>The most chance a call dialed may have of being answered and finding no agent.</summary>
    public const double Risk = 0.01;

    /// <summary>Answers the answer rate and the ring times are measured over (the answer rate within about 10%).</summary>
    public const int AnswerWindow = 100;

    /// <summary>Answers needed before the campaign dials ahead of its agents.</summary>
    public const int Warmup = 50;

    /// <summary>Answers whose abandon rate, above half the limit, cuts the risk taken.</summary>
    public const int AbandonWindow = 200;

    /// <summary>How long an answered call may wait for an agent before it counts as abandoned (Ofcom's 2 s).</summary>
    public static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(2);

    private const int MaxRingSeconds = 120;

    private readonly Queue<(bool Answered, double RingSeconds)> outcomes = new();
    private int answeredInWindow;
    // Answered calls of the window by whole seconds rung: the spread of the time to answer.
    private readonly int[] answeredInSecond = new int[MaxRingSeconds + 1];
    // The newest answers and abandons, in order (true: an abandon).
    private readonly Queue<bool> recent = new();
    private int answersInRecent;
    private int abandonsInRecent;
    private double handleSeconds = 180;
    private long handled;

    public long Answered { get; private set; } = answeredBefore;
    public long Abandoned { get; private set; } = abandonedBefore;

    /// <summary>Abandoned calls as a share of answered ones, those before this pacer included.</summary>
    public double AbandonRate => Answered == 0 ? 0 : (double)Abandoned / Answered;

    /// <summary>True while the campaign dials only for free agents: still measuring, or at its limit.</summary>
    public bool Progressive => answeredInWindow < Warmup || AbandonRate >= abandonLimit;

    /// <summary>A person answered after ringing this long.</summary>
    public void Answer(TimeSpan ring)
    {
        Answered++;
        Remember((true, ring.TotalSeconds));
        RememberRecent(abandon: false);
    }

    /// <summary>Busy, no answer, failed, or a machine: no person to connect.</summary>
    public void NoAnswer() => Remember((false, 0));

    /// <summary>An answered call found no agent in time (it was counted answered already).</summary>
    public void Abandon()
    {
        Abandoned++;
        RememberRecent(abandon: true);
    }

    /// <summary>A connected call held its agent this long (talk and wrap-up).</summary>
    public void Handle(TimeSpan handle)
    {
        handled++;
        // A running mean that keeps weighing new calls, so a change of handle time shows.
        handleSeconds += (handle.TotalSeconds - handleSeconds) / Math.Min(handled, 500);
    }

    /// <param name="freeAgents">Agents waiting for a call now.</param>
    /// <param name="busyAgents">Agents on a call (or in wrap-up).</param>
    /// <param name="ringing">How long each of the campaign's calls ringing now has rung.</param>
    public int CallsToDial(int freeAgents, int busyAgents, IReadOnlyList<TimeSpan> ringing)
    {
        if (Progressive) return Math.Max(0, freeAgents - ringing.Count);
        var answerRate = (double)answeredInWindow / outcomes.Count;
        var moments = Moments(freeAgents, busyAgents, ringing, answerRate);
        // The answer rate is measured from the window's answers: its relative error, squared,
        // widens every count of answers.
        var rateError = (1 - answerRate) / answeredInWindow;
        var allowed = AllowedRisk();
        var calls = 0;
        // However the figures stand, never more calls than would bring ten times the agents.
        var most = (int)((freeAgents + busyAgents) * 10 / answerRate);
        for (; calls < most; calls++)
        {
            // The chance that one more call, answered, finds every agent taken by the answers before it.
            var risk = 0.0;
            foreach (var m in moments)
            {
                var answers = m.Ringing + calls * m.Dialed;
                // Answers before it at least as many as the agents free: half a call of continuity correction.
                var shortfall = answers - m.Agents + 0.5;
                var variance = m.Variance + calls * m.Dialed * (1 - m.Dialed) + answers * answers * rateError;
                risk += m.Weight * (variance <= 0 ? (shortfall > 0 ? 1 : 0) : NormalCdf(shortfall / Math.Sqrt(variance)));
            }
            if (risk > allowed) break;
        }
        return calls;
    }

    /// <summary>
    /// For each second a call dialed now may be answered after (weighted by the share of answered
    /// calls that rang that long): the answers expected before it from the calls ringing, the
    /// agents expected free for it, the variance of their difference, and the chance that each
    /// other call dialed now is answered before it.
    /// </summary>
    private List<(double Weight, double Ringing, double Agents, double Variance, double Dialed)> Moments(
        int freeAgents, int busyAgents, IReadOnlyList<TimeSpan> ringing, double answerRate)
    {
        // The share of answered calls that rang longer than each whole second.
        var longer = new double[MaxRingSeconds + 2];
        for (var second = MaxRingSeconds; second >= 0; second--) longer[second] = longer[second + 1] + (double)answeredInSecond[second] / answeredInWindow;
        double RingsLonger(double seconds)
        {
            if (seconds >= MaxRingSeconds + 1) return 0;
            var whole = (int)seconds;
            return longer[whole] + (longer[whole + 1] - longer[whole]) * (seconds - whole);
        }

        var moments = new List<(double, double, double, double, double)>();
        for (var second = 0; second <= MaxRingSeconds; second++)
        {
            if (answeredInSecond[second] == 0) continue;
            var answerAfter = second + 0.5;
            double answers = 0, variance = 0;
            foreach (var rung in ringing)
            {
                // By Bayes: a call that has rung this long without an answer is either one a person
                // will still answer, or one nobody answers (rings until given up).
                var ringsOn = RingsLonger(rung.TotalSeconds);
                var answersFirst = answerRate * (ringsOn - RingsLonger(rung.TotalSeconds + answerAfter)) / (answerRate * ringsOn + 1 - answerRate);
                answers += answersFirst;
                variance += answersFirst * (1 - answersFirst);
            }
            // Agents on a call hang up at random (talk time is memoryless): each is free by then
            // with this chance.
            var hungUp = 1 - Math.Exp(-(answerAfter + AnswerWait.TotalSeconds) / handleSeconds);
            moments.Add(((double)answeredInSecond[second] / answeredInWindow, answers, freeAgents + busyAgents * hungUp,
                variance + busyAgents * hungUp * (1 - hungUp), answerRate * (1 - RingsLonger(answerAfter))));
        }
        return moments;
    }

    /// <summary><see cref="Risk"/>, cut in proportion when the newest answers were abandoned at more than half the limit.</summary>
    private double AllowedRisk()
    {
        var rate = answersInRecent == 0 ? 0 : (double)abandonsInRecent / answersInRecent;
        var steer = abandonLimit / 2;
        return rate <= steer ? Risk : Risk * steer / rate;
    }

    /// <summary>The standard normal distribution function (Abramowitz and Stegun 7.1.26, within 1e-7).</summary>
    private static double NormalCdf(double x)
    {
        var z = Math.Abs(x) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * z);
        var erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-z * z);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    private void Remember((bool Answered, double RingSeconds) outcome)
    {
        outcomes.Enqueue(outcome);
        Count(outcome, +1);
        while (answeredInWindow > AnswerWindow) Count(outcomes.Dequeue(), -1);
    }

    private void Count((bool Answered, double RingSeconds) outcome, int sign)
    {
        if (!outcome.Answered) return;
        answeredInWindow += sign;
        answeredInSecond[Math.Min(MaxRingSeconds, (int)outcome.RingSeconds)] += sign;
    }

    private void RememberRecent(bool abandon)
    {
        recent.Enqueue(abandon);
        if (abandon) abandonsInRecent++;
        else answersInRecent++;
        while (answersInRecent > AbandonWindow)
        {
            if (recent.Dequeue()) abandonsInRecent--;
            else answersInRecent--;
        }
    }
}
