//! The flat frontmatter reader against serde_yaml: on any text, when the fast path answers,
//! serde_yaml gives the same keys in the same order with the same values (issue 9).
#![no_main]

use bokseup_core::frontmatter::flat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else { return };
    let Some(fast) = flat::parse(yaml) else { return };
    match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        Ok(serde_yaml::Value::Mapping(slow)) => {
            let fast: Vec<_> = fast.into_iter().collect();
            let slow: Vec<_> = slow.into_iter().collect();
            assert_eq!(fast, slow, "{yaml:?}");
        }
        other => panic!("the fast path answered where serde_yaml gives {other:?}: {yaml:?}"),
    }
});
