// A console reporter that ends a benchmark run with each case's median beside its raw twin.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace bench {

/**
 * Prints what the console reporter prints, then a summary: for every benchmark named
 * `workload/variant`, the median time per iteration of its runs (one per repetition) and its
 * ratio to `workload/raw` from the same process. CPU time unless the case uses real time
 * (`UseRealTime()`, as the PostgreSQL cases do, since the server's work is not the client's).
 *
 *     int main(int argc, char** argv) { return bench::run_with_ratios(argc, argv); }
 */
class ratio_reporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& r : runs) {
            if (r.run_type != Run::RT_Iteration || r.error_occurred) continue;
            const bool real = r.run_name.time_type.find("real") != std::string::npos;
            auto& s = samples_[r.run_name.function_name];
            s.unit = benchmark::GetTimeUnitString(r.time_unit);
            s.real = real;
            s.times.push_back(real ? r.GetAdjustedRealTime() : r.GetAdjustedCPUTime());
        }
    }

    void Finalize() override {
        ConsoleReporter::Finalize();
        if (samples_.empty()) return;
        std::printf("\n%-34s %12s %6s %8s  (medians of %s runs; %s)\n", "workload/variant", "median",
                    "", "vs raw", runs_text().c_str(), "cpu time unless marked real");
        std::string group;
        for (const auto& [name, s] : samples_) {
            const std::string g = name.substr(0, name.find('/'));
            const double m = median(s.times);
            const auto raw = samples_.find(g + "/raw");
            if (raw != samples_.end() && raw->second.unit == s.unit) {
                std::printf("%-34s %12.3f %-6s %7.2fx%s\n", name.c_str(), m, s.unit.c_str(),
                            m / median(raw->second.times), s.real ? "  real" : "");
            } else {
                std::printf("%-34s %12.3f %-6s %8s%s\n", name.c_str(), m, s.unit.c_str(), "-",
                            s.real ? "  real" : "");
            }
        }
        std::fflush(stdout);
    }

private:
    struct series {
        std::vector<double> times;
        std::string unit;
        bool real = false;
    };

    static double median(std::vector<double> v) {
        std::sort(v.begin(), v.end());
        const std::size_t n = v.size();
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
    [[nodiscard]] std::string runs_text() const {
        std::size_t lo = ~std::size_t{0};
        std::size_t hi = 0;
        for (const auto& [name, s] : samples_) {
            lo = std::min(lo, s.times.size());
            hi = std::max(hi, s.times.size());
        }
        return lo == hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(hi);
    }

    std::map<std::string, series> samples_;
};

/** BENCHMARK_MAIN with the ratio summary at the end. */
inline int run_with_ratios(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    ratio_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}

}  // namespace bench
