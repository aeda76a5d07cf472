//! Number → time zones → legal calling hours (T001). In: an accepted
//! number and the campaign's calling window. Out: whether every slot of
//! the window falls in the callee's legal hours, as a finding when not.

pub(crate) mod callee_time;
pub(crate) mod zone_map;
