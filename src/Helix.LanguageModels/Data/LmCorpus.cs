using Helix.Core;

namespace Helix.LanguageModels.Data;

/// <summary>
/// A training corpus as token sequences, split into training and validation parts: a text file is one byte
/// sequence (the last 5 % held out); a FASTA file is one sequence per record (every 20th record held out).
/// </summary>
internal sealed class LmCorpus
{
    const double TextValidationFraction = 0.05;
    const int FastaValidationEvery = 20;

    public required IReadOnlyList<long[]> Train { get; init; }
    public required IReadOnlyList<long[]> Validation { get; init; }
    public required int VocabSize { get; init; }
    public required long PadId { get; init; }
    public required LmTokens Tokens { get; init; }

    /// <summary>Tokens in the training part.</summary>
    public long TrainTokens => Train.Sum(s => (long)s.Length);

    /// <summary>Reads <paramref name="path"/>; <see cref="LmTokens.Auto"/> picks amino-acid tokens for FASTA ('>' first) and bytes otherwise.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidOptionException">Amino-acid tokens were asked for a file that is not FASTA (option <c>Tokens</c>).</exception>
    /// <exception cref="InvalidInputException">Too little text, or a FASTA file without records.</exception>
    public static LmCorpus Load(string path, LmTokens tokens)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file; give a text or FASTA file.", path);
        var bytes = File.ReadAllBytes(path);
        bool fasta = LooksLikeFasta(bytes);
        if (tokens == LmTokens.Auto) tokens = fasta ? LmTokens.Amino : LmTokens.Bytes;
        if (tokens == LmTokens.Amino && !fasta)
            throw new InvalidOptionException(nameof(Jobs.LmTrainingOptions.Tokens),
                $"amino-acid tokens need a FASTA file (records starting with '>'), but the first byte of {path} is not '>'; use byte tokens for text.");
        return tokens == LmTokens.Amino ? FastaCorpus.Load(path) : FromText(path, bytes);
    }

    static LmCorpus FromText(string path, byte[] bytes)
    {
        if (bytes.Length < 3) throw new InvalidInputException(path, 0, 0, $"{bytes.Length} byte(s) is too little text to train on; give at least a few hundred bytes.");
        var ids = ByteTokenizer.Encode(bytes);
        int validation = (int)(ids.Length * TextValidationFraction);
        var train = validation >= 2 ? ids[..^validation] : ids;
        var held = validation >= 2 ? new[] { ids[^validation..] } : Array.Empty<long[]>();
        return new LmCorpus { Train = new[] { train }, Validation = held, VocabSize = ByteTokenizer.VocabSize, PadId = ByteTokenizer.PadId, Tokens = LmTokens.Bytes };
    }

    /// <summary>Splits records into training and validation (every 20th record, when there are at least 20).</summary>
    internal static (List<long[]> Train, List<long[]> Validation) SplitRecords(IReadOnlyList<long[]> records)
    {
        var train = new List<long[]>();
        var validation = new List<long[]>();
        for (int i = 0; i < records.Count; i++)
            (records.Count >= FastaValidationEvery && i % FastaValidationEvery == FastaValidationEvery - 1 ? validation : train).Add(records[i]);
        return (train, validation);
    }

    static bool LooksLikeFasta(byte[] bytes)
    {
        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b == (byte)'>';
        }
        return false;
    }
}
