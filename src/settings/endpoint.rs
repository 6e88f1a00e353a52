//! The endpoint's form: what a URL must look like to be one, and the base
//! URL taken from one with the API path pasted in. Whether plain http is
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
            crate::output::shown_value(url)
        ))
    }
}

/// The base URL: without a trailing `/`, or `/v1/logs` pasted in from the
/// API reference (requests add the path themselves).
pub fn base_url(url: &str) -> String {
    let url = url.trim_end_matches('/');
    let url = url.strip_suffix("/v1/logs").unwrap_or(url);
    url.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_base_urls() {
        assert!(check_form("https://ingest.auralogs.ai").is_ok());
        assert!(check_form("HTTP://127.0.0.1:7345/").is_ok());
        for bad in ["htp://x", "127.0.0.1:7346", "https://", "https://:80", "x"] {
            assert!(check_form(bad).is_err(), "{bad}");
        }
        assert_eq!(base_url("https://h/v1/logs/"), "https://h");
        assert_eq!(base_url("https://h/"), "https://h");
        assert_eq!(base_url("https://h/base"), "https://h/base");
    }
}
