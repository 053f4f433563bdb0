# Same effect as PyInstaller's setuptools hook (`import distutils` gets setuptools' copy, the default since
# setuptools 60) without importing setuptools: the shim imports it only when distutils is asked for.
try:
    import _distutils_hack

    if _distutils_hack.enabled():
        _distutils_hack.add_shim()
except ImportError:
    pass
