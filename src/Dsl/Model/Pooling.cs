namespace DslNet.Model;

/// <summary>What a pooling window computes.</summary>
public enum Pooling
{
    Max,
    Average,
}
