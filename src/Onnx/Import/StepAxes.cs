namespace DslNet.Onnx.Import;

/// <summary>
/// How the importer's current tensor holds a sequence: not at all (one vector or image per sample), batch-major
/// [batch, time, ...], time-major [time, batch, ...] (what ONNX's LSTM and RNN read and write), or not yet known (the
/// model's input before a Transpose or a recurrent node tells which of the two it is).
/// </summary>
internal enum StepAxes
{
    None,
    Unknown,
    BatchMajor,
    TimeMajor,
}
