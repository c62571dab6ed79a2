using System;

namespace DslNet;

/// <summary>One Fit's bookkeeping for an <see cref="EarlyStopping"/> rule: the best value, its epoch and weights, the epochs waited.</summary>
internal sealed class EarlyStoppingState
{
    private readonly EarlyStopping _rule;
    private readonly float[]? _bestWeights;
    private int _wait;

    public EarlyStoppingState(EarlyStopping rule, int parameterCount)
    {
        _rule = rule;
        Best = rule.HigherIsBetter ? float.NegativeInfinity : float.PositiveInfinity;
        if (rule.RestoreBestWeights) _bestWeights = new float[parameterCount];
    }

    /// <summary>The best value so far (±∞ before the first epoch).</summary>
    public float Best { get; private set; }

    /// <summary>The epoch of <see cref="Best"/>, or 0 before any epoch improved.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Takes the epoch's value; returns true when the run should stop after this epoch.</summary>
    public bool Update(EpochReport report, ReadOnlySpan<float> parameters)
    {
        float value = Value(report);
        // NaN compares false both ways, so a NaN epoch never counts as an improvement.
        bool improved = _rule.HigherIsBetter ? value > Best + _rule.MinDelta : value < Best - _rule.MinDelta;
        if (improved)
        {
            Best = value;
            BestEpoch = report.Epoch;
            _wait = 0;
            if (_bestWeights is not null) parameters.CopyTo(_bestWeights);
            return false;
        }
        _wait++;
        return _wait >= _rule.Patience;
    }

    /// <summary>Copies the best epoch's weights into <paramref name="parameters"/>; false when the rule keeps none or no epoch improved.</summary>
    public bool Restore(Span<float> parameters)
    {
        if (_bestWeights is null || BestEpoch == 0) return false;
        _bestWeights.CopyTo(parameters);
        return true;
    }

    /// <summary>The watched value of an epoch.</summary>
    public float Value(EpochReport report) => _rule.Metric switch
    {
        EarlyStoppingMetric.ValidationLoss => report.ValidationLoss ?? float.NaN,
        EarlyStoppingMetric.ValidationAccuracy => report.ValidationAccuracy ?? float.NaN,
        _ => report.TrainingLoss,
    };
}
