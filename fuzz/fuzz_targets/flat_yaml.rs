//! The flat frontmatter reader against serde_yaml: on any text, when the fast path answers,
//! serde_yaml gives the same keys in the same order with the same values, and the note read in
//! place is the note read from serde_yaml's mapping (issues 9 and 17).
#![no_main]

use bokseup_core::frontmatter::{flat, Fields};
use bokseup_core::note::Note;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else { return };
    let Some(fast) = flat::read(yaml) else { return };
    match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        Ok(serde_yaml::Value::Mapping(slow)) => {
            let in_place = Note::from_parts("n.md", &Fields::Flat(fast.clone()), "");
            let copied = Note::from_parts("n.md", &Fields::Yaml(slow.clone()), "");
            assert_eq!(in_place, copied, "{yaml:?}");
            let fast: Vec<_> = fast.to_mapping().into_iter().collect();
            let slow: Vec<_> = slow.into_iter().collect();
            assert_eq!(fast, slow, "{yaml:?}");
        }
        other => panic!("the fast path answered where serde_yaml gives {other:?}: {yaml:?}"),
    }
});
