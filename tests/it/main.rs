//! The integration tests, one binary (`cargo test` builds and links it once): the command line
//! through the real binary (`cli`), the bundled lecture and the README's examples (`deck`), the
//! binary in a pseudo-terminal (`e2e`), the class log and the rehearsal report through the
//! library on hand-written records (`log`, `report`), whole screens drawn in-process
//! (`render`), the handout read back with an HTML parser (`handout`), `tribune new` and its
//! starter deck (`new`), and the help, completions and manual page (`help`). What more than one
//! of them needs lives once in `support`.

mod cli;
mod deck;
mod e2e;
mod handout;
mod help;
mod log;
mod new;
mod render;
mod report;
mod support;
