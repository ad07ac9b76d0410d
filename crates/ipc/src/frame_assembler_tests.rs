use std::time::Duration;

use tokio::io::AsyncWriteExt;

use super::*;

fn limits() -> FrameLimits {
    FrameLimits {
        max_frame_bytes: 64,
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut bytes = u32::try_from(body.len()).unwrap().to_le_bytes().to_vec();
    bytes.extend_from_slice(body);
    bytes
}

#[tokio::test]
async fn cancelled_read_loses_no_bytes() {
    let (mut writer, mut reader) = tokio::io::duplex(256);
    let mut assembler = FrameAssembler::new(limits());
    let bytes = frame(b"hello world");
    writer.write_all(&bytes[..6]).await.unwrap();
    let pending =
        tokio::time::timeout(Duration::from_millis(20), assembler.next_frame(&mut reader)).await;
    assert!(pending.is_err(), "half a frame cannot complete a read");
    writer.write_all(&bytes[6..]).await.unwrap();
    let body = assembler.next_frame(&mut reader).await.unwrap();
    assert_eq!(body.as_deref(), Some(&b"hello world"[..]));
}

#[tokio::test]
async fn several_frames_in_one_read_come_out_one_by_one() {
    let (mut writer, mut reader) = tokio::io::duplex(256);
    let mut bytes = frame(b"a");
    bytes.extend(frame(b""));
    bytes.extend(frame(b"ccc"));
    writer.write_all(&bytes).await.unwrap();
    drop(writer);
    let mut assembler = FrameAssembler::new(limits());
    let mut bodies = Vec::new();
    while let Some(body) = assembler.next_frame(&mut reader).await.unwrap() {
        bodies.push(body);
    }
    assert_eq!(bodies, vec![b"a".to_vec(), Vec::new(), b"ccc".to_vec()]);
}

#[tokio::test]
async fn oversized_header_is_refused_before_its_body_arrives() {
    let (mut writer, mut reader) = tokio::io::duplex(256);
    writer.write_all(&65_u32.to_le_bytes()).await.unwrap();
    let mut assembler = FrameAssembler::new(limits());
    let error = assembler.next_frame(&mut reader).await.unwrap_err();
    assert!(matches!(
        error,
        IpcError::FrameTooLarge {
            length: 65,
            max: 64
        }
    ));
    assert!(assembler.buffer.capacity() < 64);
}

#[tokio::test]
async fn eof_mid_header_and_mid_body_are_torn() {
    for (bytes, expected, received) in [
        (vec![1_u8, 0], 4, 2),
        (frame(b"abcdef")[..7].to_vec(), 6, 3),
    ] {
        let (mut writer, mut reader) = tokio::io::duplex(256);
        writer.write_all(&bytes).await.unwrap();
        drop(writer);
        let error = FrameAssembler::new(limits())
            .next_frame(&mut reader)
            .await
            .unwrap_err();
        assert_eq!(error, IpcError::TornFrame { expected, received });
    }
}

struct CountingReader {
    bytes: std::io::Cursor<Vec<u8>>,
    reads: usize,
}

impl tokio::io::AsyncRead for CountingReader {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        context: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        self.reads += 1;
        std::pin::Pin::new(&mut self.bytes).poll_read(context, buf)
    }
}

#[tokio::test]
async fn small_frames_already_buffered_are_taken_in_one_read() {
    let mut bytes = Vec::new();
    for index in 0..100_u8 {
        bytes.extend(frame(&[index; 40]));
    }
    let mut reader = CountingReader {
        bytes: std::io::Cursor::new(bytes),
        reads: 0,
    };
    let mut assembler = FrameAssembler::new(FrameLimits {
        max_frame_bytes: 1 << 20,
    });
    let mut frames = 0;
    while assembler.next_frame(&mut reader).await.unwrap().is_some() {
        frames += 1;
    }
    assert_eq!(frames, 100);
    assert!(reader.reads <= 2, "{} reads for 100 frames", reader.reads);
}
