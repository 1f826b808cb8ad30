//! Resident memory for the benchmarks (Linux `/proc`); 0 elsewhere.

/// Resident memory in KiB (Linux), or 0 where /proc is not there.
pub fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
