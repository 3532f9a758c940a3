// Overview: placeholder until the page lands (see routes/+page.svelte).
export {}
