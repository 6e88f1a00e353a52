//! The endpoint's form: what a URL must look like to be one. Whether plain http is
//! allowed to its host is the sender's check (`sender::http::check_endpoint`).

/// What an endpoint may be, for messages.
pub const ENDPOINT_FORMS: &str = "expected https://HOST[:PORT], or http:// to a loopback address (http:// to another host needs --allow-insecure)";

/// Whether `url` has the form of an endpoint: an http or https scheme and a host.
pub fn check_form(url: &str) -> Result<(), String> {
    let ok = url.split_once("://").is_some_and(|(scheme, rest)| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit('@').next().unwrap_or("");
        ["http", "https"].contains(&scheme.to_ascii_lowercase().as_str())
            && !host.is_empty()
            && !host.starts_with(':')
    });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{}' is not an endpoint: {ENDPOINT_FORMS}",
            crate::output::sanitize(url)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert!(check_form("https://ingest.auralogs.ai").is_ok());
        assert!(check_form("HTTP://127.0.0.1:7345/").is_ok());
        for bad in ["htp://x", "127.0.0.1:7346", "https://", "https://:80", "x"] {
            assert!(check_form(bad).is_err(), "{bad}");
        }
    }
}
