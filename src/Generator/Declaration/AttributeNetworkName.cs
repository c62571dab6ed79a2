namespace DslNet.Generator.Declaration;

/// <summary>
/// An attribute-declared network as the .dnn front end needs to know it: its full name and the file that declares it
/// (the file name only, so that editing the file does not invalidate the cache).
/// </summary>
internal sealed record AttributeNetworkName(string FullName, string FileName);
