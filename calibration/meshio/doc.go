// Package meshio reads and writes triangle meshes in the file formats a
// scanned person usually comes in: PLY (ASCII and binary, either byte
// order), Wavefront OBJ and binary glTF (GLB). Every reader returns a
// *mesh.Mesh in the file's own units and axes, with polygons triangulated as
// fans, and enforces hard limits (Limits) so that a hostile or broken file
// gives a clear error naming the line or element at fault rather than a
// panic or an exhausted memory.
//
// WritePLY writes binary little-endian PLY with float positions, optional
// uchar colours and uchar-counted int32 faces, which every reader here and
// common tools (MeshLab, Blender, Open3D) read back.
package meshio
