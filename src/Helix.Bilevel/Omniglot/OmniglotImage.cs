using Helix.Core;
using SkiaSharp;

namespace Helix.Bilevel.Omniglot;

/// <summary>Decodes an Omniglot drawing (a PNG) into a square float image: ink 1, paper 0, area-averaged.</summary>
public static class OmniglotImage
{
    /// <summary>Decodes <paramref name="png"/> and resizes it to <paramref name="size"/>×<paramref name="size"/>, row-major.</summary>
    /// <param name="png">The file's bytes.</param>
    /// <param name="size">Output side in pixels.</param>
    /// <param name="source">Where the bytes came from, for errors.</param>
    /// <exception cref="InvalidInputException">The bytes are not a decodable image.</exception>
    public static float[] Decode(byte[] png, int size, string source)
    {
        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidInputException(source, 0, 0, "not a decodable PNG image (the file is damaged or not an image)");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        if (info.Width < 1 || info.Height < 1)
            throw new InvalidInputException(source, 0, 0, $"the image has no pixels ({info.Width}×{info.Height})");
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
            throw new InvalidInputException(source, 0, 0, $"the PNG image could not be decoded ({result})");
        var gray = bitmap.GetPixelSpan();
        var ink = new float[info.Width * info.Height];
        for (int i = 0; i < ink.Length; i++) ink[i] = 1f - gray[i] / 255f;
        return Resize(ink, info.Width, info.Height, size);
    }

    /// <summary>Area-average resize of a row-major image to size×size (each output pixel is the mean of what it covers).</summary>
    internal static float[] Resize(float[] src, int width, int height, int size)
    {
        var wx = Weights(width, size);
        var wy = Weights(height, size);
        var rows = new float[height * size];
        for (int y = 0; y < height; y++)
            for (int o = 0; o < size; o++)
            {
                float s = 0;
                foreach (var (i, w) in wx[o]) s += w * src[y * width + i];
                rows[y * size + o] = s;
            }
        var dst = new float[size * size];
        for (int o = 0; o < size; o++)
            for (int x = 0; x < size; x++)
            {
                float s = 0;
                foreach (var (i, w) in wy[o]) s += w * rows[i * size + x];
                dst[o * size + x] = s;
            }
        return dst;
    }

    static List<(int Index, float Weight)>[] Weights(int from, int to)
    {
        double scale = (double)from / to;
        var all = new List<(int, float)>[to];
        for (int o = 0; o < to; o++)
        {
            double a = o * scale, b = (o + 1) * scale;
            var list = new List<(int, float)>();
            for (int i = (int)Math.Floor(a); i < Math.Min(from, (int)Math.Ceiling(b)); i++)
            {
                double overlap = Math.Min(b, i + 1) - Math.Max(a, i);
                if (overlap > 0) list.Add((i, (float)(overlap / scale)));
            }
            all[o] = list;
        }
        return all;
    }

    /// <summary>A size×size image rotated by <paramref name="quarterTurns"/>·90° counter-clockwise.</summary>
    internal static float[] Rotate(float[] image, int size, int quarterTurns)
    {
        quarterTurns = ((quarterTurns % 4) + 4) % 4;
        if (quarterTurns == 0) return image;
        var dst = new float[image.Length];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                var (sy, sx) = quarterTurns switch
                {
                    1 => (x, size - 1 - y),
                    2 => (size - 1 - y, size - 1 - x),
                    _ => (size - 1 - x, y),
                };
                dst[y * size + x] = image[sy * size + sx];
            }
        return dst;
    }
}
