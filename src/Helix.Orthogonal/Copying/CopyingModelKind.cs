namespace Helix.Orthogonal;

/// <summary>The models the copying task trains: the orthogonal RNN with each map, or the LSTM baseline.</summary>
public enum CopyingModelKind
{
    /// <summary>Orthogonal RNN, Q from CWY.</summary>
    Cwy,
    /// <summary>Orthogonal RNN, Q from sequential Householder reflections.</summary>
    Householder,
    /// <summary>Orthogonal RNN, Q from the matrix exponential.</summary>
    Expm,
    /// <summary>Orthogonal RNN, Q from the Cayley map.</summary>
    Cayley,
    /// <summary>LSTM with at most the orthogonal RNN's parameter count.</summary>
    Lstm,
}
