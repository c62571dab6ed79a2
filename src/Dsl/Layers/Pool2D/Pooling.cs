namespace DslNet.Model;

/// <summary>What a pooling window computes.</summary>
internal enum Pooling
{
    Max,
    Average,
}
