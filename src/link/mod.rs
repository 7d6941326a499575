//! The link between a presenter and its audience windows: a Unix domain socket in the user's
//! runtime directory, named after the deck, mode 0600 inside a directory only the user can
//! enter, so other users of the machine can neither watch nor drive a class; on top of that the
//! presenter asks the kernel who is connecting (peer credentials) and hangs up on any other
//! user.
//!
//! `protocol` is what travels (JSON lines), `place` where the sockets live, `hub` the
//! presenter's end and `follow` the audience window's. A connection that never says `Hello` is
//! never counted nor sent anything. Above the app's state (it carries `Shown`); below the
//! terminal loops that use it.

mod follow;
mod hub;
mod place;
mod protocol;

pub use follow::{Heard, follow};
pub use hub::{Hub, Started};
pub use place::{socket_dir, socket_path};
pub use protocol::{Frame, MAX_LINE, Message, VERSION, decode, encode, read_frame};
