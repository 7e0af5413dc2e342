// The load average's arithmetic (core/sched/load_average.hpp) against Linux's: the
// fixed-point step of kernel/sched/loadavg.c's calc_load() worked by hand, the
// exponential curve it approximates (computed here in floating point), and the rounding
// /proc/loadavg prints with.
#include <sched/load_average.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace {

using namespace sched;

TEST(LoadAverage, TheConstantsAreLinuxs)
{
    // FIXED_1 / exp(5 s / 1 min), / exp(5 s / 5 min), / exp(5 s / 15 min).
    EXPECT_EQ(LOAD_FIXED_1, 2048u);
    EXPECT_EQ(LOAD_EXP_1, uint64_t(std::lround(2048 / std::exp(5.0 / 60))));
    EXPECT_EQ(LOAD_EXP_5, uint64_t(std::lround(2048 / std::exp(5.0 / 300))));
    EXPECT_EQ(LOAD_EXP_15, uint64_t(std::lround(2048 / std::exp(5.0 / 900))));
    EXPECT_EQ(LOAD_SAMPLE_TICKS, 501u); // LOAD_FREQ = 5 * HZ + 1
}

TEST(LoadAverage, OneStepWorkedByHand)
{
    // Rising: 0 * 1884 + 2048 * (2048 - 1884) = 335872, plus 2047 to round up: 164.
    EXPECT_EQ(decay_load(0, LOAD_EXP_1, LOAD_FIXED_1), 164u);
    // 0 * 2014 + 2048 * 34 = 69632 + 2047 -> 34; 2048 * 11 = 22528 + 2047 -> 11.
    EXPECT_EQ(decay_load(0, LOAD_EXP_5, LOAD_FIXED_1), 34u);
    EXPECT_EQ(decay_load(0, LOAD_EXP_15, LOAD_FIXED_1), 11u);
    // Falling, rounded down: 2048 * 1884 / 2048 = 1884.
    EXPECT_EQ(decay_load(LOAD_FIXED_1, LOAD_EXP_1, 0), 1884u);
    // Level: it stays.
    EXPECT_EQ(decay_load(3 * LOAD_FIXED_1, LOAD_EXP_1, 3 * LOAD_FIXED_1), 3 * LOAD_FIXED_1);
}

TEST(LoadAverage, SampleFoldsTheCountIntoAllThree)
{
    LoadAverage load;
    load.sample(1);
    EXPECT_EQ(load.average(0), 164u);
    EXPECT_EQ(load.average(1), 34u);
    EXPECT_EQ(load.average(2), 11u);
    load.sample(0);
    EXPECT_EQ(load.average(0), 164u * 1884 / 2048);
}

TEST(LoadAverage, FollowsTheExponentialCurve)
{
    // One busy thread for a minute: the 1-minute load reaches 1 - 1/e, the 5-minute one
    // 1 - e^(-1/5); then idle for a minute: it falls by 1/e.
    LoadAverage load;
    for (int sample = 0; sample < 12; ++sample)
        load.sample(1);
    EXPECT_NEAR(double(load.average(0)) / 2048, 1 - std::exp(-1.0), 0.01);
    EXPECT_NEAR(double(load.average(1)) / 2048, 1 - std::exp(-0.2), 0.01);
    double before = double(load.average(0)) / 2048;
    for (int sample = 0; sample < 12; ++sample)
        load.sample(0);
    EXPECT_NEAR(double(load.average(0)) / 2048, before * std::exp(-1.0), 0.01);
}

TEST(LoadAverage, StaysNearTheRealNumberModelOnRandomLoads)
{
    std::mt19937 random(13);
    std::uniform_int_distribution<int> active(0, 9);
    LoadAverage load;
    double model[3] = {};
    const double minutes[3] = { 1, 5, 15 };
    for (int sample = 0; sample < 2000; ++sample) {
        int count = active(random);
        load.sample(size_t(count));
        for (size_t index = 0; index < 3; ++index) {
            double e = std::exp(-5.0 / (60 * minutes[index]));
            model[index] = model[index] * e + count * (1 - e);
            // The constants are rounded to 1/2048 and each step to 1/2048 too.
            EXPECT_NEAR(double(load.average(index)) / 2048, model[index], 0.05) << sample << " " << index;
        }
    }
}

TEST(LoadAverage, DecaysToZeroWhenIdle)
{
    LoadAverage load;
    for (int sample = 0; sample < 50; ++sample)
        load.sample(4);
    for (int sample = 0; sample < 5000; ++sample)
        load.sample(0);
    EXPECT_EQ(load.average(0), 0u);
    EXPECT_EQ(load.average(1), 0u);
    EXPECT_EQ(load.average(2), 0u);
}

TEST(LoadAverage, FiguresRoundToHundredthsAsProcLoadavg)
{
    // Linux adds FIXED_1/200 and takes LOAD_INT, LOAD_FRAC.
    EXPECT_EQ(load_figure(0).whole, 0u);
    EXPECT_EQ(load_figure(0).hundredths, 0u);
    EXPECT_EQ(load_figure(164).hundredths, 8u); // 0.0801 -> "0.08"
    EXPECT_EQ(load_figure(2047).whole, 1u);     // 0.9995 -> "1.00"
    EXPECT_EQ(load_figure(2047).hundredths, 0u);
    EXPECT_EQ(load_figure(5 * 2048 + 1024).whole, 5u);
    EXPECT_EQ(load_figure(5 * 2048 + 1024).hundredths, 50u);
    for (uint64_t load = 0; load < 20 * 2048; ++load) {
        LoadFigure figure = load_figure(load);
        double exact = double(load) / 2048;
        EXPECT_LT(figure.hundredths, 100u);
        EXPECT_NEAR(double(figure.whole) + double(figure.hundredths) / 100, exact, 0.0051) << load;
    }
}

} // namespace
