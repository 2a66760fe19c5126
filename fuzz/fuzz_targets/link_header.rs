//! Link header parsing: never panics; a found next URL stood in the header in <>.
#![no_main]
use ghseal::github::request::next_link;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let header = String::from_utf8_lossy(data);
    if let Some(url) = next_link(&header) {
        assert!(header.contains(&format!("<{url}>")));
    }
});
