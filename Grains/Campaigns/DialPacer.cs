namespace Contact.Grains.Campaigns;

/// <summary>
/// How many calls a predictive campaign dials now. It measures the campaign's own calls: the
/// share of dials a person answers and how long they ring first (over the newest
/// <see cref="OutcomeWindow"/> outcomes, so a change of the list's answer rate is followed within
/// minutes), and how long a connected call keeps its agent. It dials for the agents free now and
/// those likely to be free when the new calls are answered, less what the calls still ringing
/// will bring (a call that has rung long is less likely to be answered), times a gain that the
/// abandon rate of the newest <see cref="AnswerWindow"/> answers steers toward
/// <see cref="AbandonTarget"/> of the limit, and that only falls once the campaign's own rate is
/// near the limit. Until it has measured enough, and whenever the campaign's own abandon rate
/// has reached the limit, it dials as progressive does: never more calls ringing than agents
/// free, so no answered call can be left without an agent. The constants were chosen with
/// bench/dialer-sim.sh (bench/README.md).
/// </summary>
/// <param name="abandonLimit">The most abandoned calls, as a share of answered ones (3% by default, the TSR and Ofcom rule).</param>
public sealed class DialPacer(double abandonLimit = DialPacer.DefaultAbandonLimit)
{
    public const double DefaultAbandonLimit = 0.03;

    /// <summary>The share of the limit the gain aims at: variance takes up the rest.</summary>
    public const double AbandonTarget = 0.6;

    /// <summary>Outcomes (answered or not) that the answer rate and ring time are measured over.</summary>
    public const int OutcomeWindow = 300;

    /// <summary>Answers the abandon rate that steers the gain is measured over.</summary>
    public const int AnswerWindow = 200;

    /// <summary>Outcomes needed before the campaign dials ahead of its agents.</summary>
    public const int Warmup = 100;

    private const int MaxRingSeconds = 120;
    private const double MinGain = 0.3;
    private const double MaxGain = 1.5;
    // The share of the limit from which the campaign's own abandon rate lowers the gain at every answer.
    private const double GuardShare = 0.9;
    private const double GainDown = 0.01;
    private const double GainUp = 0.002;

    private readonly Queue<(bool Answered, double RingSeconds)> outcomes = new();
    // The newest answers and abandons, in order (true: an abandon), for the abandon rate that steers the gain.
    private readonly Queue<bool> recent = new();
    private int answersInRecent;
    private int answeredInWindow;
    private double ringSecondsInWindow;
    // Answered calls of the window by whole seconds rung, for the chance that a call still ringing answers.
    private readonly int[] answeredAfterSecond = new int[MaxRingSeconds + 1];
    private int abandonsInWindow;
    private double handleSeconds = 180;
    private long handled;
    private double gain = 1.0;

    public long Answered { get; private set; }
    public long Abandoned { get; private set; }

    /// <summary>Abandoned calls as a share of answered ones, since the campaign began.</summary>
    public double AbandonRate => Answered == 0 ? 0 : (double)Abandoned / Answered;

    /// <summary>True while the campaign dials only for free agents: still measuring, or at its limit.</summary>
    public bool Progressive => outcomes.Count < Warmup || AbandonRate >= abandonLimit;

    private double RecentAbandonRate => answersInRecent == 0 ? 0 : (double)abandonsInWindow / answersInRecent;

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
        var answerRate = Math.Max((double)answeredInWindow / outcomes.Count, 0.01);
        var ring = answeredInWindow == 0 ? 15 : ringSecondsInWindow / answeredInWindow;
        // Agents on a call hang up at random (talk time is memoryless): those likely done by the
        // time a call dialed now is answered count as free.
        var freeByThen = freeAgents + busyAgents * (1 - Math.Exp(-ring / handleSeconds));
        var wanted = gain * freeByThen - ExpectedAnswers(ringing, answerRate);
        return wanted <= 0 ? 0 : (int)Math.Floor(wanted / answerRate);
    }

    /// <summary>
    /// How many of the calls ringing a person will still answer. A call that has rung longer than
    /// most answered calls did is less likely to be answered: by Bayes, from the measured ring
    /// times of answered calls, against unanswered calls that ring until they are given up.
    /// </summary>
    private double ExpectedAnswers(IReadOnlyList<TimeSpan> ringing, double answerRate)
    {
        if (answeredInWindow == 0) return ringing.Count * answerRate;
        var stillToAnswer = new double[MaxRingSeconds + 2];
        for (var second = MaxRingSeconds; second >= 0; second--) stillToAnswer[second] = stillToAnswer[second + 1] + answeredAfterSecond[second];
        var expected = 0.0;
        foreach (var rung in ringing)
        {
            var answering = answerRate * stillToAnswer[Math.Min(MaxRingSeconds, (int)rung.TotalSeconds)] / answeredInWindow;
            expected += answering / (answering + (1 - answerRate));
        }
        return expected;
    }

    private void Remember((bool Answered, double RingSeconds) outcome)
    {
        outcomes.Enqueue(outcome);
        Count(outcome, +1);
        if (outcomes.Count > OutcomeWindow) Count(outcomes.Dequeue(), -1);
    }

    private void Count((bool Answered, double RingSeconds) outcome, int sign)
    {
        if (!outcome.Answered) return;
        answeredInWindow += sign;
        ringSecondsInWindow += sign * outcome.RingSeconds;
        answeredAfterSecond[Math.Min(MaxRingSeconds, (int)outcome.RingSeconds)] += sign;
    }

    private void RememberRecent(bool abandon)
    {
        recent.Enqueue(abandon);
        if (abandon) abandonsInWindow++;
        else answersInRecent++;
        while (answersInRecent > AnswerWindow)
        {
            if (recent.Dequeue()) abandonsInWindow--;
            else answersInRecent--;
        }
        Steer();
    }

    /// <summary>Moves the gain toward the abandon target: down at once when over it, up slowly when under.</summary>
    private void Steer()
    {
        var rate = RecentAbandonRate;
        var target = AbandonTarget * abandonLimit;
        // Near the campaign's own limit the gain falls whatever the newest answers say.
        var error = AbandonRate > GuardShare * abandonLimit ? -1 : (target - rate) / target;
        gain = Math.Clamp(gain + (error > 0 ? GainUp : GainDown) * error, MinGain, MaxGain);
    }
}
