using EdgeGateway.Alarms;

namespace EdgeGateway.Tests.Alarms;

public sealed class SlidingMedianTests
{
    [Fact]
    public void The_median_of_an_odd_window_is_its_middle_value_and_of_an_even_one_the_mean_of_the_two_middle_values()
    {
        var median = new SlidingMedian();
        foreach (var value in new[] { 5.0, 1.0, 9.0 })
        {
            median.Add(value);
        }

        Assert.Equal(5.0, median.Median);
        median.Add(7.0);
        Assert.Equal(6.0, median.Median);
    }

    [Fact]
    public void A_window_sliding_over_10_000_noisy_samples_with_repeats_has_the_median_of_a_full_sort_at_every_step()
    {
        var random = new Random(42);
        var window = new Queue<double>();
        var median = new SlidingMedian();
        for (var i = 0; i < 10_000; i++)
        {
            // Rounded to 0.5 kPa so equal values enter and leave, as from a transmitter's limited resolution.
            var kpa = Math.Round((400 + (random.NextDouble() * 20)) * 2) / 2;
            window.Enqueue(kpa);
            median.Add(kpa);
            if (window.Count > 257 - (i % 2))
            {
                median.Remove(window.Dequeue());
            }

            var sorted = window.Order().ToArray();
            var expected = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
            Assert.Equal(expected, median.Median);
            Assert.Equal(window.Count, median.Count);
        }
    }

    [Fact]
    public void Removing_a_value_never_added_is_an_error_and_an_empty_window_has_no_median()
    {
        var median = new SlidingMedian();
        median.Add(1.0);
        Assert.Throws<InvalidOperationException>(() => median.Remove(2.0));
        median.Clear();
        Assert.Throws<InvalidOperationException>(() => median.Median);
    }
}
