//! The link between a presenter and its audience windows: a Unix domain socket.
