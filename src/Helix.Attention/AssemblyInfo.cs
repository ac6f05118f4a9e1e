using System.Runtime.CompilerServices;

// Tests drive the chunked causal kernel directly with tiny chunks and segments.
[assembly: InternalsVisibleTo("Helix.Attention.Tests")]
// The attention benchmark attaches a KernelProfile to time the fused causal kernel's phases (`helix bench attention profile`).
[assembly: InternalsVisibleTo("helix-bench")]
