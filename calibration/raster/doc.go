// Package raster is a software rasterizer in pure Go: it draws triangle
// meshes through a rig camera (lens distortion included) into colour, depth
// and mask images. The synthetic booth renders its virtual cameras with it
// and booth-render reuses it for headless output.
//
// # Use
//
//	r := raster.NewRenderer(0) // one worker per CPU
//	dst := raster.NewTarget(cam.Width, cam.Height)
//	bg := [3]uint8{40, 40, 40}
//	err := r.Render(dst, cam, []raster.Surface{{Mesh: person}},
//		raster.Options{CullBack: true, Background: &bg})
//
// API: NewTarget, Target.Clear, Target.MarkWritten, Texture.Sample, Surface, Options, Light,
// NewRenderer, Renderer.Render, Renderer.Workers, VertexNormals, and the
// sentinel errors ErrNilCamera, ErrCamera, ErrTarget, ErrSurface,
// ErrOptions.
//
// # Conventions
//
// World frame in metres (see the rig package); camera frame as in OpenCV,
// x right, y down, z forward. Pixel (x, y) has its centre at the integer
// coordinates (x, y) and covers [x-0.5, x+0.5) x [y-0.5, y+0.5). Depth is
// camera-frame z in metres, +Inf where nothing was drawn. Meshes are
// counter-clockwise seen from outside; Options.CullBack drops triangles
// whose projected area says they face away from the camera.
//
// # Pipeline
//
// A render runs three stages, each split across the workers:
//
//  1. Vertex stage (contiguous vertex ranges): every vertex is moved to the
//     camera frame once, classified against the near plane (z = 0.01 m)
//     and a guard frustum (three times the image's field of view), projected
//     with the camera's distortion (the model of rig.Camera.ProjectCam,
//     which a test holds it to, with one division per vertex), snapped to
//     1/256 pixel fixed point and shaded (Lambert plus ambient when lit).
//  2. Setup stage (contiguous triangle ranges): triangles outside one clip
//     plane are dropped, those crossing the near plane or the guard are
//     clipped in camera space (attributes interpolated linearly there),
//     back faces are culled, triangles covering no pixel centre are dropped
//     and the rest are binned into horizontal bands of rows.
//  3. Raster stage (bands): each band is owned by one worker, so pixels need
//     no locks. It clears the band when Options.Background is set (with
//     Options.ClearDrawn only the box that renders drew into since the
//     target was last wholly cleared, which the target records), then
//     draws its triangles in index order (the same order whatever the number
//     of workers, so the images are identical for any worker count) with
//     fixed-point edge functions evaluated incrementally over the
//     triangle's bounding box and the top-left fill rule. Depth (1/z) and
//     the attributes divided by z are planes in pixel coordinates fitted to
//     the exact projected vertices, which makes the interpolation
//     perspective-correct and the depth of a plane exact for a pinhole
//     camera. The z-buffer keeps the nearest surface; ties go to the
//     surface or triangle drawn first.
//
// # Distortion
//
// Vertices are projected exactly, with distortion, but edges are drawn
// straight between the projected vertices: the image is exact at vertices
// and approximated along edges and inside triangles, by an error that
// shrinks with the square of the triangle's size. That is fine for the
// small triangles of a person mesh; large triangles (walls, floor) seen
// through a strongly distorted lens should be tessellated finely. The guard
// frustum is also kept within the radius where the radial distortion
// polynomial is still increasing, so points far outside the lens's field of
// view never fold back into the image.
//
// # Textures and colour
//
// A surface's colour is its vertex colour (white when the mesh has none),
// times the Lambert-plus-ambient intensity of Options.Light, times the
// texel of its Texture sampled bilinearly at the interpolated UV.
//
// # Limits
//
// Targets are at most 32768 pixels wide and high. A triangle whose vertex
// projects beyond 2^22 pixels of the origin (only possible with extreme
// distortion inside the guard) is skipped. Render allocates only a few
// small closures per call (to start the worker goroutines) once its
// scratch buffers have grown to the scene.
//
// Only the rig camera's projection exists today; the stages reach the
// projection through a small internal interface so that booth-render's
// off-axis display projection can be added as a second view constructor.
package raster
