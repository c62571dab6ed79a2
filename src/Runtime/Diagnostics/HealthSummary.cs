using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DslNet;

/// <summary>A <see cref="GradientHealthMonitor"/>'s figures for a period (an epoch of <see cref="Trainer.Fit"/>) and the flags it raised.</summary>
/// <param name="Epoch">The epoch, or 0 outside Fit.</param>
/// <param name="Steps">The training steps the figures average over.</param>
/// <param name="Layers">One entry per layer, in layout order.</param>
/// <param name="Events">The flags raised during the period, in order.</param>
public sealed record HealthSummary(int Epoch, long Steps, IReadOnlyList<LayerHealth> Layers, IReadOnlyList<HealthEvent> Events)
{
    /// <summary>Whether no flag was raised.</summary>
    public bool IsHealthy => Events.Count == 0;

    /// <summary>A fixed-width table, one row per layer, then the flags.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        int width = 5;
        foreach (var layer in Layers) width = System.Math.Max(width, layer.Layer.Length);
        text.Append(CultureInfo.InvariantCulture, $"{"layer".PadRight(width)}  grad norm  update/weight  weight norm  dead units");
        foreach (var layer in Layers)
        {
            text.AppendLine();
            text.Append(CultureInfo.InvariantCulture,
                $"{layer.Layer.PadRight(width)}  {layer.GradientNorm,9:0.00e+0}  {layer.UpdateRatio,13:0.00e+0}  {layer.WeightNorm,11:0.000}  {(layer.Units > 0 ? $"{layer.DeadUnits}/{layer.Units}" : "-"),10}");
        }
        foreach (var e in Events)
        {
            text.AppendLine();
            text.Append(e);
        }
        return text.ToString();
    }
}
