use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use crate::error::IpcError;

pub const FRAME_HEADER_BYTES: usize = 4;
pub const DEFAULT_MAX_FRAME_BYTES: u32 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameLimits {
    pub max_frame_bytes: u32,
}

impl Default for FrameLimits {
    fn default() -> Self {
        Self {
            max_frame_bytes: DEFAULT_MAX_FRAME_BYTES,
        }
    }
}

pub fn encode_body<T: Serialize>(value: &T) -> Result<Vec<u8>, IpcError> {
    bincode::serde::encode_to_vec(value, bincode::config::standard())
        .map_err(|error| IpcError::EncodeFailed(error.to_string()))
}

pub fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, IpcError> {
    let (value, used) = bincode::serde::decode_from_slice(body, bincode::config::standard())
        .map_err(|error| IpcError::DecodeFailed(error.to_string()))?;
    if used != body.len() {
        return Err(IpcError::DecodeFailed(format!(
            "{} trailing bytes after body",
            body.len() - used
        )));
    }
    Ok(value)
}

pub(crate) fn checked_length(body_len: usize, limits: FrameLimits) -> Result<u32, IpcError> {
    u32::try_from(body_len)
        .ok()
        .filter(|length| *length <= limits.max_frame_bytes)
        .ok_or(IpcError::FrameTooLarge {
            length: u64::try_from(body_len).unwrap_or(u64::MAX),
            max: limits.max_frame_bytes,
        })
}

pub async fn write_frame<W>(
    writer: &mut W,
    body: &[u8],
    limits: FrameLimits,
) -> Result<(), IpcError>
where
    W: AsyncWrite + Unpin,
{
    let length = checked_length(body.len(), limits)?;
    let mut frame = Vec::with_capacity(FRAME_HEADER_BYTES + body.len());
    frame.extend_from_slice(&length.to_le_bytes());
    frame.extend_from_slice(body);
    writer
        .write_all(&frame)
        .await
        .map_err(|error| IpcError::from_write(&error))?;
    writer
        .flush()
        .await
        .map_err(|error| IpcError::from_write(&error))
}

pub(crate) fn append_frame(
    frames: &mut Vec<u8>,
    body: &[u8],
    limits: FrameLimits,
) -> Result<(), IpcError> {
    let length = checked_length(body.len(), limits)?;
    frames.extend_from_slice(&length.to_le_bytes());
    frames.extend_from_slice(body);
    Ok(())
}

pub(crate) async fn write_frames<W>(writer: &mut W, frames: &[u8]) -> Result<(), IpcError>
where
    W: AsyncWrite + Unpin,
{
    writer
        .write_all(frames)
        .await
        .map_err(|error| IpcError::from_write(&error))?;
    writer
        .flush()
        .await
        .map_err(|error| IpcError::from_write(&error))
}

pub async fn read_frame<R>(reader: &mut R, limits: FrameLimits) -> Result<Option<Vec<u8>>, IpcError>
where
    R: AsyncRead + Unpin,
{
    let mut header = [0_u8; FRAME_HEADER_BYTES];
    let header_bytes = read_until_full_or_eof(reader, &mut header).await?;
    if header_bytes == 0 {
        return Ok(None);
    }
    if header_bytes < FRAME_HEADER_BYTES {
        return Err(IpcError::TornFrame {
            expected: FRAME_HEADER_BYTES,
            received: header_bytes,
        });
    }
    let length = u32::from_le_bytes(header);
    if length > limits.max_frame_bytes {
        return Err(IpcError::FrameTooLarge {
            length: u64::from(length),
            max: limits.max_frame_bytes,
        });
    }
    let mut body = vec![0_u8; usize::try_from(length).unwrap_or(usize::MAX)];
    let body_bytes = read_until_full_or_eof(reader, &mut body).await?;
    if body_bytes < body.len() {
        return Err(IpcError::TornFrame {
            expected: body.len(),
            received: body_bytes,
        });
    }
    Ok(Some(body))
}

async fn read_until_full_or_eof<R>(reader: &mut R, buffer: &mut [u8]) -> Result<usize, IpcError>
where
    R: AsyncRead + Unpin,
{
    let mut filled = 0;
    while filled < buffer.len() {
        let Some(remaining) = buffer.get_mut(filled..) else {
            break;
        };
        match reader.read(remaining).await {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if peer_went_away(&error) => break,
            Err(error) => return Err(IpcError::from_read(&error)),
        }
    }
    Ok(filled)
}

pub(crate) fn peer_went_away(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::BrokenPipe
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::UnexpectedEof
    )
}

pub async fn write_message<W, T>(
    writer: &mut W,
    value: &T,
    limits: FrameLimits,
) -> Result<(), IpcError>
where
    W: AsyncWrite + Unpin,
    T: Serialize,
{
    let body = encode_body(value)?;
    write_frame(writer, &body, limits).await
}

pub async fn read_message<R, T>(reader: &mut R, limits: FrameLimits) -> Result<Option<T>, IpcError>
where
    R: AsyncRead + Unpin,
    T: DeserializeOwned,
{
    match read_frame(reader, limits).await? {
        Some(body) => decode_body(&body).map(Some),
        None => Ok(None),
    }
}
