using DslNet.CompilerServices;

namespace DslNet.Bench.Kernels;

// The products of W1 (and W3, its batch of 1), W2, W5 and W6, as the generator declares them for those networks:
// rows, reduction and columns, strides, start and fused ReLU. Run-time counts (the batch) are left 0 and passed.

/// <summary>W1 dense1 forward: x [64, 784] · W [784, 128] + b, ReLU.</summary>
internal struct W1Dense1Forward : IMatMulShape
{
    public static int Columns => 128; public static int Reduction => 784; public static int LeftRowStride => 784;
    public static int RightReductionStride => 128; public static int ResultRowStride => 128;
    public static MatMulStart Start => MatMulStart.Bias; public static bool FusedReLU => true;
}

/// <summary>W1 dense1 weight gradient: dW [784, 128] += xᵀ · δ over the batch, x read column-wise.</summary>
internal struct W1Dense1WeightGradient : IMatMulShape
{
    public static int Columns => 128; public static int Rows => 784; public static int LeftRowStride => 1; public static int LeftReductionStride => 784;
    public static int RightReductionStride => 128; public static int ResultRowStride => 128; public static MatMulStart Start => MatMulStart.Accumulate;
}

/// <summary>W1 dense2 input gradient: δx [64, 128] = δ [64, 64] · Wᵀ [64, 128].</summary>
internal struct W1Dense2InputGradient : IMatMulShape
{
    public static int Columns => 128; public static int Reduction => 64; public static int LeftRowStride => 64;
    public static int RightReductionStride => 128; public static int ResultRowStride => 128;
}

/// <summary>W2 conv2d3 forward, one image: W [16, 72] · columns [72, 121] + b per filter, ReLU.</summary>
internal struct W2Conv2Forward : IMatMulShape
{
    public static int Columns => 121; public static int Rows => 16; public static int Reduction => 72; public static int LeftRowStride => 1;
    public static int LeftReductionStride => 16; public static int RightReductionStride => 121; public static int ResultRowStride => 121;
    public static MatMulStart Start => MatMulStart.RowBias; public static bool FusedReLU => true;
}

/// <summary>W5 LSTM input product, every step at once: x [35·32, 32] · W [32, 512] + b.</summary>
internal struct W5LstmInput : IMatMulShape
{
    public static int Columns => 512; public static int Reduction => 32; public static int LeftRowStride => 32;
    public static int RightReductionStride => 512; public static int ResultRowStride => 512; public static MatMulStart Start => MatMulStart.Bias;
}

/// <summary>W5 LSTM recurrent product of one step: z [32, 512] += h [32, 128] · U [128, 512].</summary>
internal struct W5LstmRecurrent : IMatMulShape
{
    public static int Columns => 512; public static int Reduction => 128; public static int LeftRowStride => 128;
    public static int RightReductionStride => 512; public static int ResultRowStride => 512; public static MatMulStart Start => MatMulStart.Accumulate;
}

/// <summary>W6 forward without panels: x [256, 1024] · W [1024, 1024] + b, reduction in slices of 256.</summary>
internal struct W6Forward : IMatMulShape
{
    public static int Columns => 1024; public static int Reduction => 1024; public static int LeftRowStride => 1024;
    public static int RightReductionStride => 1024; public static int ResultRowStride => 1024; public static MatMulStart Start => MatMulStart.Bias;
    public static int ReductionChunk => 256;
}

// The convolutions' weight gradients of W2 and W9 (the ResNet sample), one sample each: dW [C·K·K, F] += columns [C·K·K, P] · δ [F, P]ᵀ.

/// <summary>W2 conv1 weight gradient: 1 channel, 3×3, 8 filters, 26×26 positions.</summary>
internal struct W2Conv1WeightGradient : IDotProductShape
{
    public static int Rows => 9; public static int Columns => 8; public static int Reduction => 676;
    public static int LeftRowStride => 676; public static int RightRowStride => 676; public static int ResultRowStride => 8; public static bool Accumulate => true;
}

/// <summary>W2 conv2 weight gradient: 8 channels, 3×3, 16 filters, 11×11 positions.</summary>
internal struct W2Conv2WeightGradient : IDotProductShape
{
    public static int Rows => 72; public static int Columns => 16; public static int Reduction => 121;
    public static int LeftRowStride => 121; public static int RightRowStride => 121; public static int ResultRowStride => 16; public static bool Accumulate => true;
}

/// <summary>W9 stage 1 weight gradient (4 of the 13 convolutions): 16 channels, 3×3, 16 filters, 28×28 positions.</summary>
internal struct W9Stage1WeightGradient : IDotProductShape
{
    public static int Rows => 144; public static int Columns => 16; public static int Reduction => 784;
    public static int LeftRowStride => 784; public static int RightRowStride => 784; public static int ResultRowStride => 16; public static bool Accumulate => true;
}

/// <summary>W9 stage 2 weight gradient (3 convolutions): 32 channels, 3×3, 32 filters, 14×14 positions.</summary>
internal struct W9Stage2WeightGradient : IDotProductShape
{
    public static int Rows => 288; public static int Columns => 32; public static int Reduction => 196;
    public static int LeftRowStride => 196; public static int RightRowStride => 196; public static int ResultRowStride => 32; public static bool Accumulate => true;
}

/// <summary>W9 stage 3 weight gradient (3 convolutions): 64 channels, 3×3, 64 filters, 7×7 positions.</summary>
internal struct W9Stage3WeightGradient : IDotProductShape
{
    public static int Rows => 576; public static int Columns => 64; public static int Reduction => 49;
    public static int LeftRowStride => 49; public static int RightRowStride => 49; public static int ResultRowStride => 64; public static bool Accumulate => true;
}

/// <summary>W9 stem weight gradient: 1 channel, 3×3, 16 filters, 28×28 positions.</summary>
internal struct W9StemWeightGradient : IDotProductShape
{
    public static int Rows => 9; public static int Columns => 16; public static int Reduction => 784;
    public static int LeftRowStride => 784; public static int RightRowStride => 784; public static int ResultRowStride => 16; public static bool Accumulate => true;
}

// W6's three products as the generator declares them for DenseBigNetwork (batch 256): weights in column panels.

/// <summary>W6 forward: x [256, 1024] · W [1024, 1024] + b, W copied into panels (from 16 rows).</summary>
internal struct W6ForwardPanels : IPanelMatMulShape
{
    public static int Columns => 1024; public static int Reduction => 1024; public static int LeftRowStride => 1024;
    public static int RightReductionStride => 1024; public static int ResultRowStride => 1024; public static MatMulStart Start => MatMulStart.Bias;
    public static int ReductionChunk => 32; public static int Slice => 1024; public static int MinRows => 16;
}

/// <summary>W6 weight gradient: dW [1024, 1024] += xᵀ · δ over the batch, δ in panels and x's columns copied into rows.</summary>
internal struct W6WeightGradientPanels : IPanelMatMulShape
{
    public static int Columns => 1024; public static int Rows => 1024; public static int LeftRowStride => 1; public static int LeftReductionStride => 1024;
    public static int RightReductionStride => 1024; public static int ResultRowStride => 1024; public static MatMulStart Start => MatMulStart.Accumulate;
    public static int Slice => 256; public static bool LeftCopied => true;
}

/// <summary>W6 input gradient: δx [256, 1024] = δ · Wᵀ, W read down its rows into panels.</summary>
internal struct W6InputGradientPanels : IPanelMatMulShape
{
    public static int Columns => 1024; public static int Reduction => 1024; public static int LeftRowStride => 1024;
    public static int RightReductionStride => 1; public static int ResultRowStride => 1024; public static int Slice => 1024; public static int RightColumnStride => 1024;
}
