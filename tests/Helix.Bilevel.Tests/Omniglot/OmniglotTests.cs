using System.IO.Compression;
using Helix.Bilevel.Omniglot;
using Helix.Core;

namespace Helix.Bilevel.Tests.Omniglot;

public class OmniglotTests
{
    static OmniglotDataset Synthetic(int alphabets, int chars, int drawings, int size = 28)
    {
        var rng = new SplitMix64(9);
        var list = new List<OmniglotCharacter>();
        for (int a = 0; a < alphabets; a++)
            for (int c = 0; c < chars; c++)
                list.Add(new OmniglotCharacter($"A{a}", $"character{c:00}",
                    Enumerable.Range(0, drawings).Select(_ => Enumerable.Range(0, size * size).Select(_ => (float)rng.NextDouble()).ToArray()).ToList()));
        return new OmniglotDataset(list, size);
    }

    [Fact]
    public void A_missing_data_folder_says_where_it_looked()
    {
        var e = Assert.Throws<FileNotFoundException>(() => OmniglotDataset.Load("/no/such/omniglot"));
        Assert.Contains("/no/such/omniglot", e.Message);
    }

    [Fact]
    public void A_corrupt_image_names_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("helix-omniglot");
        try
        {
            var zip = Path.Combine(dir.FullName, "images_background_bad.zip");
            using (var z = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                using var s = z.CreateEntry("images_background_bad/Greek/character01/0001_01.png").Open();
                s.Write("this is not a png"u8);
            }
            var e = Assert.Throws<InvalidInputException>(() => OmniglotDataset.Load(dir.FullName));
            Assert.Contains("0001_01.png", e.Message);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void More_ways_than_classes_is_a_clear_error()
    {
        var data = Synthetic(2, 3, 5);
        var sampler = new EpisodeSampler(data, Enumerable.Range(0, 6).ToList(), rotations: false);
        var e = Assert.Throws<InvalidOptionException>(() => sampler.Sample(7, 1, 1, new SplitMix64(1)));
        Assert.Equal("Ways", e.Option);
        Assert.Contains("only 6 classes", e.Message);
        Assert.Throws<InvalidOptionException>(() => sampler.Sample(3, 3, 3, new SplitMix64(1)));   // 6 drawings > 5
    }

    [Fact]
    public void Episodes_have_the_asked_shape_and_rotations_are_exact()
    {
        var data = Synthetic(2, 3, 5, size: 6);
        var sampler = new EpisodeSampler(data, new[] { 0, 1, 2 });
        Assert.Equal(12, sampler.ClassCount);
        var e = sampler.Sample(5, 2, 3, new SplitMix64(4));
        Assert.Equal(5 * 2 * 36, e.SupportImages.Length);
        Assert.Equal(5 * 3, e.QueryLabels.Length);
        Assert.Equal(new long[] { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4 }, e.SupportLabels);
        var img = data.Characters[0].Images[0];
        var four = OmniglotImage.Rotate(OmniglotImage.Rotate(OmniglotImage.Rotate(OmniglotImage.Rotate(img, 6, 1), 6, 1), 6, 1), 6, 1);
        Assert.Equal(img, four);
        Assert.NotEqual(img, OmniglotImage.Rotate(img, 6, 1));
    }

    [Fact]
    public void Area_resize_preserves_the_mean()
    {
        var rng = new SplitMix64(2);
        var src = Enumerable.Range(0, 105 * 105).Select(_ => (float)rng.NextDouble()).ToArray();
        var dst = OmniglotImage.Resize(src, 105, 105, 28);
        Assert.Equal(src.Average(), dst.Average(), 4);
    }

    [Fact]
    public void The_shared_data_decodes_into_ink_on_paper()
    {
        var root = TestData.Omniglot();
        if (root == null) return;   // data absent: nothing to check
        var data = OmniglotDataset.Load(Path.Combine(root, "images_background_small1.zip"));
        Assert.Equal(136, data.Characters.Count);
        Assert.All(data.Characters, c => Assert.Equal(20, c.Images.Count));
        double ink = data.Characters.SelectMany(c => c.Images).Average(i => i.Average());
        Assert.InRange(ink, 0.03, 0.3);
        Assert.All(data.Characters[0].Images, i => Assert.InRange(i.Max(), 0.5f, 1.0001f));
        var runs = OneShotRuns.Load(Path.Combine(root, "all_runs.zip"));
        Assert.Equal(20, runs.Count);
        Assert.All(runs, r => { Assert.Equal(20, r.Ways); Assert.Equal(20, r.QueryLabels.Length); });
    }
}
