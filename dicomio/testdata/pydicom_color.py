"""Reference colour rendering with pydicom (Debian python3-pydicom 2.3):
palette lookup, YBR->RGB, written as raw 8-bit RGB to stdout.

usage: python3 pydicom_color.py FILE FRAME_INDEX
"""
import sys

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_color_lut, convert_color_space

ds = pydicom.dcmread(sys.argv[1], force=True)
if "TransferSyntaxUID" not in ds.file_meta:
    ds.file_meta.TransferSyntaxUID = pydicom.uid.ImplicitVRLittleEndian
frame = int(sys.argv[2])
a = ds.pixel_array
if int(getattr(ds, "NumberOfFrames", 1) or 1) > 1:
    a = a[frame]
pi = ds.PhotometricInterpretation
if pi == "PALETTE COLOR":
    rgb = apply_color_lut(a, ds)
    if rgb.max() > 255:
        rgb = np.floor(rgb.astype(np.float64) * 255 / 65535 + 0.5)
elif pi.startswith("YBR_FULL"):
    rgb = convert_color_space(a, "YBR_FULL", "RGB")
else:
    rgb = a
sys.stdout.buffer.write(np.clip(rgb, 0, 255).astype(np.uint8).tobytes())
