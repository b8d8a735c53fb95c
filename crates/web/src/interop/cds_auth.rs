//! Who may call the CDS Hooks services: the EHR signs a JWT for each call (CDS Hooks 2.0,
//! "Trusting CDS Clients") and Myo checks it against an operator-written allow-list.
//!
//! Checks, in order, each failure a 401 that says which: `Authorization: Bearer` present; an
//! asymmetric algorithm (ES256/384/512, RS256/384/512, PS256/384/512, EdDSA: never `none` or
//! an HMAC secret); `iss` on the allow-list; `jku`, if sent, equal to the client's configured
//! one (Myo does not fetch keys a token points at); the signature by a key of the client's
//! JWKS (by `kid` when given); `aud` equal to the service's own URL; `exp` in the future and
//! `iat` not in the future (60 s leeway each); `jti` present and never seen before from that
//! issuer (the replay store keeps it until the token expires). With no client configured
//! every call is refused: the services are never open.

use std::collections::BTreeMap;
use std::path::Path;

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

/// Seconds of clock difference tolerated on `exp` and `iat`.
pub const LEEWAY_SECONDS: u64 = 60;

/// Longest token lifetime accepted (the specification asks for 5 minutes at most); also how
/// long a `jti` is remembered at most.
pub const MAX_LIFETIME_SECONDS: i64 = 3600;

/// One EHR allowed to call the services.
#[derive(Debug, Clone)]
pub struct CdsClient {
    /// The `iss` its tokens carry.
    pub iss: String,
    /// Its public keys.
    pub jwks: JwkSet,
    /// The JWKS URL its tokens may name in `jku` (checked for equality, never fetched).
    pub jku: Option<String>,
}

/// The allow-list, by issuer.
#[derive(Debug, Clone, Default)]
pub struct CdsClients {
    by_iss: BTreeMap<String, CdsClient>,
}

/// The `--cds-clients` file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--cds-clients {path}: {message}")]
pub struct ClientsError {
    /// The file.
    pub path: String,
    /// What is wrong, naming the client and field.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    client: Vec<RawClient>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClient {
    iss: String,
    /// The JWKS as JSON text.
    jwks: Option<String>,
    /// A file holding the JWKS (relative to the clients file).
    jwks_file: Option<String>,
    jku: Option<String>,
}

impl CdsClients {
    /// No client: every call is refused.
    pub fn none() -> CdsClients {
        CdsClients::default()
    }

    /// Clients from the TOML text of a `--cds-clients` file (`[[client]]` tables with `iss`
    /// and `jwks` inline or `jwks_file`); `dir` resolves relative `jwks_file` paths.
    pub fn parse(text: &str, dir: &Path, path: &str) -> Result<CdsClients, ClientsError> {
        let err = |message: String| ClientsError {
            path: path.to_owned(),
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        let mut by_iss = BTreeMap::new();
        for (i, c) in raw.client.into_iter().enumerate() {
            let at = format!("client[{i}]");
            if c.iss.trim().is_empty() {
                return Err(err(format!("{at}.iss is empty")));
            }
            let jwks_text = match (c.jwks, c.jwks_file) {
                (Some(t), None) => t,
                (None, Some(f)) => std::fs::read_to_string(dir.join(&f))
                    .map_err(|e| err(format!("{at}.jwks_file {f}: {e}")))?,
                _ => return Err(err(format!("{at}: give exactly one of jwks or jwks_file"))),
            };
            let jwks: JwkSet = serde_json::from_str(&jwks_text)
                .map_err(|e| err(format!("{at}.jwks is not a JWKS: {e}")))?;
            if jwks.keys.is_empty() {
                return Err(err(format!("{at}.jwks has no keys")));
            }
            for (k, key) in jwks.keys.iter().enumerate() {
                DecodingKey::from_jwk(key).map_err(|e| err(format!("{at}.jwks.keys[{k}]: {e}")))?;
            }
            let client = CdsClient {
                iss: c.iss.clone(),
                jwks,
                jku: c.jku,
            };
            if by_iss.insert(c.iss.clone(), client).is_some() {
                return Err(err(format!("{at}.iss {} is listed twice", c.iss)));
            }
        }
        Ok(CdsClients { by_iss })
    }

    /// Reads and parses a `--cds-clients` file.
    pub fn load(path: &Path) -> Result<CdsClients, ClientsError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ClientsError {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        CdsClients::parse(&text, dir, &shown)
    }

    /// Whether any client is configured.
    pub fn is_empty(&self) -> bool {
        self.by_iss.is_empty()
    }

    /// The client with this issuer.
    pub fn get(&self, iss: &str) -> Option<&CdsClient> {
        self.by_iss.get(iss)
    }
}

/// Why a call was refused (each a 401 whose message is this text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// No client is configured: the services are closed.
    #[error("no CDS client is configured on this server")]
    NoClients,
    /// No `Authorization: Bearer` header.
    #[error("send the EHR's signed JWT as Authorization: Bearer <jwt>")]
    NoToken,
    /// Not a JWT, or an algorithm that is refused.
    #[error("the token is not a JWT signed with an accepted algorithm ({0})")]
    Malformed(String),
    /// `iss` not on the allow-list.
    #[error("the token's issuer is not an allowed CDS client")]
    UnknownIssuer,
    /// `jku` names another key set.
    #[error("the token's jku is not the client's configured JWKS URL")]
    WrongJku,
    /// No key of the client's JWKS verifies it.
    #[error("the token's signature does not verify with the client's keys")]
    BadSignature,
    /// `aud` is not the service URL.
    #[error("the token's aud must be {0}")]
    WrongAudience(String),
    /// Expired, issued in the future, or lives too long.
    #[error("the token is expired or its exp/iat are not acceptable")]
    Expired,
    /// No `jti`, or one already used.
    #[error("the token's jti is missing or was already used (replay)")]
    Replayed,
}

/// The verified claims the service needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The client.
    pub iss: String,
    /// The token id (for the replay store).
    pub jti: String,
    /// Expiry, seconds since the epoch.
    pub exp: i64,
}

#[derive(Deserialize)]
struct Claims {
    iss: Option<String>,
    jti: Option<String>,
    exp: Option<i64>,
    iat: Option<i64>,
}

const ACCEPTED: [Algorithm; 9] = [
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::EdDSA,
];

/// Verifies `token` for the service at `audience` at time `now` (seconds since the epoch).
/// The caller must still claim the `jti` in the replay store.
pub fn verify(
    clients: &CdsClients,
    token: &str,
    audience: &str,
    now: i64,
) -> Result<Verified, Refusal> {
    if clients.is_empty() {
        return Err(Refusal::NoClients);
    }
    let header =
        jsonwebtoken::decode_header(token).map_err(|e| Refusal::Malformed(e.to_string()))?;
    if !ACCEPTED.contains(&header.alg) {
        return Err(Refusal::Malformed(format!(
            "{:?} is not accepted",
            header.alg
        )));
    }
    // The issuer picks the keys; it is trusted only once the signature verifies.
    let unverified: Claims = jsonwebtoken::dangerous::insecure_decode_claims(token)
        .map_err(|e| Refusal::Malformed(e.to_string()))?;
    let client = unverified
        .iss
        .as_deref()
        .and_then(|iss| clients.get(iss))
        .ok_or(Refusal::UnknownIssuer)?;
    if let Some(jku) = &header.jku
        && client.jku.as_deref() != Some(jku.as_str())
    {
        return Err(Refusal::WrongJku);
    }
    let candidates: Vec<_> = match &header.kid {
        Some(kid) => client.jwks.find(kid).into_iter().collect(),
        None => client.jwks.keys.iter().collect(),
    };
    let mut validation = Validation::new(header.alg);
    validation.validate_aud = false;
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    let mut verified = None;
    for jwk in candidates {
        let Ok(key) = DecodingKey::from_jwk(jwk) else {
            continue;
        };
        if let Ok(data) = jsonwebtoken::decode::<serde_json::Value>(token, &key, &validation) {
            verified = Some(data.claims);
            break;
        }
    }
    let claims = verified.ok_or(Refusal::BadSignature)?;
    let aud_ok = match &claims["aud"] {
        serde_json::Value::String(a) => a == audience,
        serde_json::Value::Array(list) => list.iter().any(|a| a == audience),
        _ => false,
    };
    if !aud_ok {
        return Err(Refusal::WrongAudience(audience.to_owned()));
    }
    let leeway = i64::try_from(LEEWAY_SECONDS).unwrap_or(60);
    let (Some(exp), Some(iat)) = (unverified.exp, unverified.iat) else {
        return Err(Refusal::Expired);
    };
    if exp + leeway < now || iat - leeway > now || exp - iat > MAX_LIFETIME_SECONDS {
        return Err(Refusal::Expired);
    }
    let jti = unverified
        .jti
        .filter(|j| !j.is_empty() && j.len() <= 256)
        .ok_or(Refusal::Replayed)?;
    Ok(Verified {
        iss: client.iss.clone(),
        jti,
        exp,
    })
}
