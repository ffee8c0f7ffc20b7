//! Cached bodies sent without a copy: the kernel hands a file's pages to the socket
//! (`sendfile`), as nginx serves static files, instead of copying every byte of a page from
//! the server's memory into the socket on every request.
//!
//! A 200-comment page is about 160 KB. Served from memory, the kernel copies it into the
//! socket for each request: a quarter of the server's CPU on a busy story's page, and most
//! of the gap between Tribune's cached page and nginx serving the same bytes (with sendfile
//! off, nginx was no faster than Tribune; with it on, almost twice as fast).
//!
//! hyper writes only bytes from memory (its bodies are `Buf`s; it has no file body). So a
//! large body that will be sent many times is also written, once, into a sealed in-memory
//! file (`memfd`), and its bytes are registered by address with that file ([`share`]). The
//! connections Tribune serves ([`Listener`]) look at what hyper asks them to write: a slice
//! inside a registered body is sent from the file at the same offset, with `sendfile`;
//! anything else is written as usual. The two hold the same bytes, and neither ever
//! changes, so what a client receives is what it would have received from memory.
//!
//! The registration lives exactly as long as the body's bytes: the bytes' owner removes it
//! when the last reference to them goes, before the memory is freed. A slice hyper is
//! writing keeps that reference, so an address found registered is the body's.
//!
//! The price is memory: a shared body is held twice, in the heap and in its file, and the
//! page cache counts both ([`Shared::held`]). Bodies smaller than [`SHARE_FROM_BYTES`] are
//! copied as before; at most [`MAX_SHARED`] files are open at once (fewer under a low limit
//! on open files), so that the cache can never take the file descriptors the server needs
//! for its connections.

use std::collections::BTreeMap;
use std::io::{self, IoSlice};
use std::net::SocketAddr;
use std::os::fd::OwnedFd;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, ready};

use axum::body::Bytes;
use axum::extract::connect_info::Connected;
use axum::serve::IncomingStream;
use tokio::io::{AsyncRead, AsyncWrite, Interest, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// Smaller bodies are copied: a page of the file costs more to hand over than to copy.
pub const SHARE_FROM_BYTES: usize = 16 * 1024;
/// The most bodies with a file at once (each holds a file descriptor), and at most a quarter
/// of the file descriptors the process may open: the rest are for connections and the database.
const MAX_SHARED: usize = 1024;

/// The registered bodies: the address of a body's first byte → its length and its file.
static REGIONS: RwLock<BTreeMap<usize, Region>> = RwLock::new(BTreeMap::new());
/// How many bodies are registered: none, and a write does not look.
static SHARED: AtomicUsize = AtomicUsize::new(0);

#[derive(Clone)]
struct Region {
    len: usize,
    file: Arc<OwnedFd>,
}

/// A body's bytes, and how much memory they hold: twice their length when they were also
/// written into a file to be sent from.
#[derive(Debug, Clone)]
pub struct Shared {
    pub bytes: Bytes,
    pub held: usize,
}

/// `body` as bytes to answer with, sent without a copy when it is large enough and a file
/// could be made for it; otherwise as it is.
pub fn share(body: Vec<u8>) -> Shared {
    if body.len() < SHARE_FROM_BYTES {
        return plain(body);
    }
    if SHARED.fetch_add(1, Ordering::Relaxed) >= most_shared() {
        SHARED.fetch_sub(1, Ordering::Relaxed);
        return plain(body);
    }
    match sealed_copy(&body) {
        Ok(file) => {
            let held = body.len() * 2;
            let registered = Registered::new(body, file);
            Shared {
                bytes: Bytes::from_owner(registered),
                held,
            }
        }
        Err(e) => {
            SHARED.fetch_sub(1, Ordering::Relaxed);
            tracing::debug!(error = %e, "a cached body is sent from memory: no file for it");
            plain(body)
        }
    }
}

/// [`MAX_SHARED`], or a quarter of the process's limit on open files if that is less.
fn most_shared() -> usize {
    static MOST: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *MOST.get_or_init(|| {
        #[cfg(target_os = "linux")]
        let open_files = rustix::process::getrlimit(rustix::process::Resource::Nofile).current;
        #[cfg(not(target_os = "linux"))]
        let open_files: Option<u64> = None;
        open_files.map_or(MAX_SHARED, |limit| {
            MAX_SHARED.min(usize::try_from(limit / 4).unwrap_or(MAX_SHARED))
        })
    })
}

fn plain(body: Vec<u8>) -> Shared {
    Shared {
        held: body.len(),
        bytes: Bytes::from(body),
    }
}

/// A file in memory holding `body`, sealed: nothing can change or resize it any more.
#[cfg(target_os = "linux")]
fn sealed_copy(body: &[u8]) -> io::Result<OwnedFd> {
    use rustix::fs::{MemfdFlags, SealFlags};
    use std::io::Write;
    let fd = rustix::fs::memfd_create(
        "tribune-cached-body",
        MemfdFlags::CLOEXEC | MemfdFlags::ALLOW_SEALING,
    )?;
    let mut file = std::fs::File::from(fd);
    file.write_all(body)?;
    let fd = OwnedFd::from(file);
    rustix::fs::fcntl_add_seals(
        &fd,
        SealFlags::WRITE | SealFlags::SHRINK | SealFlags::GROW | SealFlags::SEAL,
    )?;
    Ok(fd)
}

/// Elsewhere bodies are sent from memory.
#[cfg(not(target_os = "linux"))]
fn sealed_copy(_: &[u8]) -> io::Result<OwnedFd> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Writes `bufs` (the headers before a shared body), telling the kernel that more follows.
#[cfg(target_os = "linux")]
fn send_before(socket: &TcpStream, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
    use rustix::net::{SendAncillaryBuffer, SendFlags};
    Ok(rustix::net::sendmsg(
        socket,
        bufs,
        &mut SendAncillaryBuffer::default(),
        SendFlags::MORE | SendFlags::NOSIGNAL,
    )?)
}

/// Sends `len` bytes of `file` from `offset` to `socket`.
#[cfg(target_os = "linux")]
fn send_file(socket: &TcpStream, file: &OwnedFd, offset: u64, len: usize) -> io::Result<usize> {
    let mut at = offset;
    Ok(rustix::fs::sendfile(socket, file, Some(&mut at), len)?)
}

#[cfg(not(target_os = "linux"))]
fn send_before(_: &TcpStream, _: &[IoSlice<'_>]) -> io::Result<usize> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(not(target_os = "linux"))]
fn send_file(_: &TcpStream, _: &OwnedFd, _: u64, _: usize) -> io::Result<usize> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The owner of a shared body's bytes: registered while it lives.
struct Registered {
    body: Vec<u8>,
}

impl Registered {
    fn new(body: Vec<u8>, file: OwnedFd) -> Self {
        // The vector's buffer does not move when the vector does: its address is the key.
        let region = Region {
            len: body.len(),
            file: Arc::new(file),
        };
        regions_mut().insert(body.as_ptr() as usize, region);
        Self { body }
    }
}

impl AsRef<[u8]> for Registered {
    fn as_ref(&self) -> &[u8] {
        &self.body
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        // Before the buffer is freed (the field is dropped after this), so that no later
        // allocation at this address is ever taken for this body.
        regions_mut().remove(&(self.body.as_ptr() as usize));
        SHARED.fetch_sub(1, Ordering::Relaxed);
    }
}

fn regions_mut() -> std::sync::RwLockWriteGuard<'static, BTreeMap<usize, Region>> {
    // The map is never left half-changed by a panic: one insert or remove per lock.
    REGIONS
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The file and offset that hold `slice`, if it lies inside a registered body.
fn file_of(slice: &[u8]) -> Option<(Arc<OwnedFd>, u64)> {
    if slice.is_empty() || SHARED.load(Ordering::Relaxed) == 0 {
        return None;
    }
    let start = slice.as_ptr() as usize;
    let regions = REGIONS
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (&base, region) = regions.range(..=start).next_back()?;
    let offset = start - base;
    (offset + slice.len() <= region.len).then(|| (Arc::clone(&region.file), offset as u64))
}

/// Tribune's listener: accepts TCP connections that send shared bodies from their files.
#[derive(Debug)]
pub struct Listener(TcpListener);

impl From<TcpListener> for Listener {
    fn from(listener: TcpListener) -> Self {
        Self(listener)
    }
}

impl axum::serve::Listener for Listener {
    type Io = Connection;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, address) = axum::serve::Listener::accept(&mut self.0).await;
        // A response's last segment goes at once, not after the client's delayed
        // acknowledgement of the one before (Nagle's algorithm): a body sent from its file
        // ends in such a segment, and waited up to 40 ms for it.
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY could not be set");
        }
        (Connection(stream), address)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

/// The address a connection came from, for [`ClientAddress`](crate::extract::ClientAddress).
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

impl Connected<IncomingStream<'_, Listener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, Listener>) -> Self {
        Self(*stream.remote_addr())
    }
}

/// A connection that writes the slices of shared bodies from their files.
#[derive(Debug)]
pub struct Connection(TcpStream);

/// How the next write goes.
enum Next {
    /// Nothing shared in it: written from memory as it is.
    Copy,
    /// The first `n` slices, from memory; a shared body follows, so the kernel is told to
    /// wait for it rather than send the headers in a segment of their own.
    Before(usize),
    /// The first slice, from its file at this offset.
    File(Arc<OwnedFd>, u64, usize),
}

fn next(bufs: &[IoSlice<'_>]) -> Next {
    for (index, buf) in bufs.iter().enumerate() {
        if let Some((file, offset)) = file_of(buf) {
            return match index {
                0 => Next::File(file, offset, buf.len()),
                n => Next::Before(n),
            };
        }
    }
    Next::Copy
}

impl Connection {
    /// Runs `write` once the socket can take more, until it does not block.
    fn poll_send(
        &self,
        cx: &mut Context<'_>,
        mut write: impl FnMut(&TcpStream) -> io::Result<usize>,
    ) -> Poll<io::Result<usize>> {
        loop {
            ready!(self.0.poll_write_ready(cx))?;
            match self.0.try_io(Interest::WRITABLE, || write(&self.0)) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                done => return Poll::Ready(done),
            }
        }
    }
}

impl AsyncRead for Connection {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for Connection {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.poll_write_vectored(cx, &[IoSlice::new(buf)])
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match next(bufs) {
            Next::Copy => Pin::new(&mut self.0).poll_write_vectored(cx, bufs),
            Next::Before(n) => self.poll_send(cx, |socket| send_before(socket, &bufs[..n])),
            Next::File(file, offset, len) => {
                let sent =
                    ready!(self.poll_send(cx, |socket| send_file(socket, &file, offset, len)));
                match sent {
                    // A kernel or a socket that cannot: this slice goes from memory.
                    Err(e) if cannot_send_files(&e) => {
                        Pin::new(&mut self.0).poll_write_vectored(cx, &bufs[..1])
                    }
                    sent => Poll::Ready(sent),
                }
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

/// What sendfile answers where it cannot send this file to this socket.
fn cannot_send_files(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if let Some(code) = e.raw_os_error() {
        use rustix::io::Errno;
        let errno = Errno::from_raw_os_error(code);
        return [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP].contains(&errno);
    }
    e.kind() == io::ErrorKind::Unsupported
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_bodies_are_copied_and_large_ones_are_registered_while_they_live() {
        let small = share(vec![b'a'; 100]);
        assert!(file_of(&small.bytes).is_none());
        assert_eq!(small.held, 100);

        let body: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let large = share(body.clone());
        assert_eq!(&large.bytes[..], &body[..]);
        assert_eq!(large.held, 200_000);
        let (_, offset) = file_of(&large.bytes[1000..2000]).expect("registered");
        assert_eq!(offset, 1000);
        let copy = large.bytes.clone();
        drop(large);
        assert!(
            file_of(&copy[5..10]).is_some(),
            "a clone keeps it registered"
        );
    }
}
