"""Pictures: the stage between plan and layout that probes, draws, encodes and caches.

Entry points: `probe` (an image reference → its size, or why it cannot be shown),
`encode` (a picture → the bytes to embed, at the size the deck shows it), `PictureCache`
(encoded pictures kept between builds), `qr_picture` (the closing slide's QR code),
`formula_png` (display math drawn sharp). The model (`Picture`, `Encoded`) is pure data.
"""
