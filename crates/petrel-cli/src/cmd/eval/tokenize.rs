//! `petrel eval tokenize`.

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> anyhow::Result<()> {
    anyhow::bail!("`petrel eval tokenize` is not built yet")
}
