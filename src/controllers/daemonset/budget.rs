//! The rolling update's budget (`updatedDesiredNodeCounts`, `pkg/controller/daemon/update.go`):
//! `maxSurge` and `maxUnavailable` resolved
//! against the number of nodes that should run a daemon pod, percentages rounded up
//! (`intstr.GetScaledValueFromIntOrPercent(…, true)`), with maxUnavailable forced to 1 when
//! both come out as 0 for a DaemonSet that wants pods somewhere.

use crate::model::daemonset::{IntOrString, RollingUpdateDaemonSet};

/// The resolved budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Nodes that may have an extra, new pod at once.
    pub max_surge: i64,
    /// Nodes that may be without an available pod at once.
    pub max_unavailable: i64,
}

/// `GetScaledValueFromIntOrPercent` rounding up; `None` for a string that is not `N%`.
pub fn scaled(v: &IntOrString, total: i64) -> Option<i64> {
    match v {
        IntOrString::Int(i) => Some(i64::from(*i)),
        IntOrString::Str(s) => {
            let n: i64 = s.strip_suffix('%')?.parse().ok()?;
            Some((n * total + 99).div_euclid(100))
        }
    }
}

/// `surgeCount` and `unavailableCount` for `desired` nodes (validation has already rejected
/// anything that does not resolve).
pub fn resolve(ru: &RollingUpdateDaemonSet, desired: i64) -> Budget {
    let get = |v: &Option<IntOrString>| v.as_ref().and_then(|v| scaled(v, desired)).unwrap_or(0);
    let max_surge = get(&ru.max_surge);
    let mut max_unavailable = get(&ru.max_unavailable);
    if desired > 0 && max_surge == 0 && max_unavailable == 0 {
        max_unavailable = 1;
    }
    Budget {
        max_surge,
        max_unavailable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru(unavailable: IntOrString, surge: IntOrString) -> RollingUpdateDaemonSet {
        RollingUpdateDaemonSet {
            max_unavailable: Some(unavailable),
            max_surge: Some(surge),
        }
    }

    #[test]
    fn percentages_should_round_up_against_the_desired_nodes() {
        use IntOrString::{Int, Str};
        let cases = [
            (ru(Int(1), Int(0)), 5, (0, 1)),
            (ru(Str("50%".into()), Int(0)), 3, (0, 2)),
            (ru(Str("10%".into()), Int(0)), 5, (0, 1)),
            (ru(Int(0), Str("25%".into())), 5, (2, 0)),
            (ru(Int(0), Int(2)), 5, (2, 0)),
            (ru(Str("0%".into()), Int(0)), 4, (0, 1)),
            (ru(Str("0%".into()), Int(0)), 0, (0, 0)),
            (ru(Str("100%".into()), Int(0)), 7, (0, 7)),
        ];
        for (r, desired, (surge, unavailable)) in cases {
            let b = resolve(&r, desired);
            assert_eq!(
                (b.max_surge, b.max_unavailable),
                (surge, unavailable),
                "{r:?} of {desired}"
            );
        }
    }
}
