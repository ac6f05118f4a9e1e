using System.Runtime.CompilerServices;

// Tests drive the chunked causal kernel directly with tiny chunks and segments.
[assembly: InternalsVisibleTo("Helix.Attention.Tests")]
