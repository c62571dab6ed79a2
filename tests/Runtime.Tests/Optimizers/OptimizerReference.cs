using System;

namespace DslNet.Tests;

/// <summary>
/// Element-by-element float implementations of the optimiser formulas, in the operation order the
/// vectorised optimisers document, so the two must agree bit for bit.
/// </summary>
public static class OptimizerReference
{
    /// <summary>g + λ·p where <paramref name="decayed"/> says so, else g.</summary>
    public static float[] Decayed(float[] parameters, float[] gradients, float decay, Func<int, bool> decayed)
    {
        var result = new float[gradients.Length];
        for (int i = 0; i < result.Length; i++) result[i] = decayed(i) ? parameters[i] * decay + gradients[i] : gradients[i];
        return result;
    }

    public static void Momentum(float[] p, float[] g, float[] v, float lr, float mu, bool nesterov)
    {
        for (int i = 0; i < p.Length; i++)
        {
            v[i] = v[i] * mu + g[i];
            float direction = nesterov ? v[i] * mu + g[i] : v[i];
            p[i] = direction * -lr + p[i];
        }
    }

    public static void RmsProp(float[] p, float[] g, float[] v, float[] average, float[] buffer, float lr, float alpha, float eps, float mu, bool centered)
    {
        float keep = 1f - alpha;
        for (int i = 0; i < p.Length; i++)
        {
            v[i] = (g[i] * keep) * g[i] + v[i] * alpha;
            float root;
            if (centered)
            {
                average[i] = g[i] * keep + average[i] * alpha;
                root = MathF.Sqrt(MathF.Max(v[i] - average[i] * average[i], 0f));
            }
            else
            {
                root = MathF.Sqrt(v[i]);
            }
            float scaled = g[i] / (root + eps);
            if (mu > 0)
            {
                buffer[i] = buffer[i] * mu + scaled;
                p[i] = buffer[i] * -lr + p[i];
            }
            else
            {
                p[i] = scaled * -lr + p[i];
            }
        }
    }

    public static void Adam(float[] p, float[] g, float[] m, float[] v, long t, float lr, float beta1, float beta2, float eps)
    {
        float stepSize = (float)(lr / (1 - Math.Pow(beta1, t)));
        float root = (float)Math.Sqrt(1 - Math.Pow(beta2, t));
        for (int i = 0; i < p.Length; i++)
        {
            m[i] = g[i] * (1f - beta1) + m[i] * beta1;
            v[i] = (g[i] * (1f - beta2)) * g[i] + v[i] * beta2;
            float denominator = MathF.Sqrt(v[i]) / root + eps;
            p[i] = (m[i] / denominator) * -stepSize + p[i];
        }
    }

    /// <summary>The four-parameter case the PyTorch-formula tests share: start and three gradients.</summary>
    public static float[] Start => [1f, -2f, 0.5f, 0.25f];

    public static float[][] Gradients => [[0.5f, -0.25f, 0f, 2f], [0.5f, 0.25f, 1f, -1f], [-0.125f, 0.75f, -0.5f, 0.5f]];

    /// <summary>Runs three steps and checks each against values computed in double precision from PyTorch's formulas.</summary>
    public static void AssertSteps(IOptimizer optimizer, double[][] expected, double tolerance = 2e-6)
    {
        float[] parameters = Start;
        float[][] gradients = Gradients;
        for (int step = 0; step < expected.Length; step++)
        {
            optimizer.Step(parameters, gradients[step]);
            for (int i = 0; i < parameters.Length; i++)
            {
                Xunit.Assert.True(Math.Abs(parameters[i] - expected[step][i]) <= tolerance,
                    $"step {step + 1}, parameter {i}: expected {expected[step][i]}, got {parameters[i]}.");
            }
        }
    }

    /// <summary>A seeded vector of 37 floats (full SIMD vectors and a tail) in [−1, 1).</summary>
    public static float[] Vector(int seed, int length = 37) => TestData.Uniform(length, -1, 1, seed);
}
